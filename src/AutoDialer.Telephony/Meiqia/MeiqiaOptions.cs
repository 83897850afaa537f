namespace AutoDialer.Telephony.Meiqia;

/// <summary>
/// One Meiqia enterprise, under <c>AutoDialer:Meiqia</c>. The account is registered when <see cref="AccessToken"/>
/// is set. The access token stays on the server; pages get per-agent SDK tokens only.
/// </summary>
public sealed class MeiqiaOptions
{
    public const string Section = "AutoDialer:Meiqia";

    /// <summary>The name campaigns use for this account (<c>ProviderAccount</c>).</summary>
    public string AccountId { get; set; } = "meiqia";

    /// <summary>The Open API host, as documented.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.meiqia.com");

    /// <summary>企业 accesstoken from the Meiqia workbench (设置 → 开发者 API), sent as <c>Authorization: Bearer …</c>.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of the agent list (GET) after the first attempt; the login (POST) is retried only when the
    /// connection failed before anything was sent.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; each next one doubles, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Failure ratio over <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    public int BreakerMinimumThroughput { get; set; } = 6;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a 401, further calls fail at once for this long: a wrong access token does not get better by
    /// asking again, and every agent's token refresh would otherwise ask.</summary>
    public TimeSpan UnauthorizedCooldown { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccessToken);

    /// <summary>The access token must never be printed, even by a debugger's or logger's ToString.</summary>
    public override string ToString() => $"Meiqia {AccountId} ({BaseUrl})";
}
