namespace AutoDialer.AspNetCore.Access;

/// <summary>Names of the authentication schemes and the authorization policy AutoDialer registers.</summary>
public static class AutoDialerAccess
{
    /// <summary>
    /// The policy every AutoDialer endpoint requires: a local request when no credentials are configured, else an API key
    /// or a dashboard sign-in. Other parts of an application (the agent bridge's token issuance) may require it too.
    /// </summary>
    public const string Policy = "AutoDialerApi";

    /// <summary>Chooses the API-key scheme when the request carries a key, else the dashboard cookie.</summary>
    public const string Scheme = "AutoDialer";
    public const string ApiKeyScheme = "AutoDialer.ApiKey";
    public const string CookieScheme = "AutoDialer.Cookie";
    public const string ApiKeyHeader = "X-Api-Key";
}
