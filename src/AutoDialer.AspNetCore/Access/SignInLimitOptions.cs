using System.ComponentModel.DataAnnotations;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// <c>AutoDialer:Auth:SignInLimit</c>: how many dashboard sign-in attempts (<c>POST /login</c>) one client address may make
/// per window; beyond, it gets 429 with <c>Retry-After</c> until the window ends, and its attempts are not checked.
/// Behind a reverse proxy, configure <c>AutoDialer:ForwardedHeaders</c>, or every client shares the proxy's address.
/// </summary>
internal sealed class SignInLimitOptions
{
    public const string Section = "AutoDialer:Auth:SignInLimit";

    /// <summary>Attempts per window and address. The default value is 10; 1 to 10,000.</summary>
    [Range(1, 10_000, ErrorMessage = "AutoDialer:Auth:SignInLimit:PermitLimit must be between {1} and {2}")]
    public int PermitLimit { get; set; } = 10;

    /// <summary>The window. The default value is 1 minute; 1 second to 1 day.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "AutoDialer:Auth:SignInLimit:Window must be between {1} and {2}")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
