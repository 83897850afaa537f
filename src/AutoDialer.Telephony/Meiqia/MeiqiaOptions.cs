using System.ComponentModel.DataAnnotations;
using AutoDialer.Telephony.Resilience;

namespace AutoDialer.Telephony.Meiqia;

/// <summary>
/// One Meiqia enterprise, under <c>AutoDialer:Meiqia</c>. The account is registered when <see cref="AccessToken"/>
/// is set. The access token stays on the server; pages get per-agent SDK tokens only.
/// </summary>
internal sealed class MeiqiaOptions : IValidatableObject
{
    public const string Section = "AutoDialer:Meiqia";

    /// <summary>The name campaigns use for this account (<c>ProviderAccount</c>).</summary>
    public string AccountId { get; set; } = "meiqia";

    /// <summary>The Open API host, as documented.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.meiqia.com");

    /// <summary>企业 accesstoken from the Meiqia workbench (设置 → 开发者 API), sent as <c>Authorization: Bearer …</c>.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>Timeout of one HTTP attempt (default 5 s; 10 ms to 5 min).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Retries and circuit of the Open API (<c>AutoDialer:Meiqia:Resilience</c>; defaults: 3 retries of the agent list
    /// (GET) from 300 ms, the login (POST) retried only when the connection failed before anything was sent; the
    /// circuit opens at 50 % of at least 6 calls in 30 s, for 30 s).
    /// </summary>
    public ResilienceOptions Resilience { get; set; } = new()
    {
        Retries = 3,
        RetryDelay = TimeSpan.FromMilliseconds(300),
        Breaker = new CircuitBreakerOptions { FailureRatio = 0.5, MinimumThroughput = 6, SamplingDuration = TimeSpan.FromSeconds(30), BreakDuration = TimeSpan.FromSeconds(30) },
    };

    /// <summary>After a 401, further calls fail at once for this long: a wrong access token does not get better by
    /// asking again, and every agent's token refresh would otherwise ask.</summary>
    public TimeSpan UnauthorizedCooldown { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => Resilience.Validate($"{Section}:{nameof(Resilience)}");

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccessToken);

    /// <summary>The access token must never be printed, even by a debugger's or logger's ToString.</summary>
    public override string ToString() => $"Meiqia {AccountId} ({BaseUrl})";
}
