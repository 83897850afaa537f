using System.ComponentModel.DataAnnotations;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// <c>AutoDialer:Auth</c>. Left empty, only requests from this machine are served (as Hangfire's dashboard does by
/// default). With any API key or user configured, every request needs credentials, from this machine too.
/// </summary>
public sealed class AccessOptions
{
    public const string Section = "AutoDialer:Auth";

    /// <summary>Keys accepted in the <c>X-Api-Key</c> header. Give each client its own, so one can be revoked alone.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>People who may sign in to the dashboard.</summary>
    public List<DashboardUser> Users { get; set; } = [];

    /// <summary>How long a dashboard sign-in lasts without activity (default 8 h, 1 min to 30 days).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "AutoDialer:Auth:SessionLifetime must be between {1} and {2}")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public bool IsConfigured => ApiKeys.Any(k => !string.IsNullOrWhiteSpace(k)) || Users.Any(u => !string.IsNullOrWhiteSpace(u.Name));
}

/// <param name="PasswordHash">
/// An ASP.NET Core Identity password hash (PBKDF2), as <c>autodialer auth hash-password</c> prints it; never the password.
/// </param>
public sealed class DashboardUser
{
    public string Name { get; set; } = "";
    public string PasswordHash { get; set; } = "";
}
