namespace AutoDialer.AspNetCore.Access;

/// <summary>Names of the authentication schemes and the authorization policies AutoDialer registers.</summary>
public static class AutoDialerAccess
{
    /// <summary>
    /// The policy every AutoDialer endpoint requires: a local request when no credentials are configured, else an API key
    /// or a dashboard sign-in, wherever the request comes from. Other parts of an application may require it too.
    /// </summary>
    public const string Policy = "AutoDialerApi";

    /// <summary>
    /// <see cref="Policy"/>, or a bridge token: what the vendor-token endpoints require before they check, per agent, that
    /// the caller may act for the agent it asks about (<see cref="ActForAgentRequirement"/>).
    /// </summary>
    public const string AgentPolicy = "AutoDialerAgent";

    /// <summary>Chooses the API-key scheme when the request carries a key, the bridge-token scheme for a bearer token, else the dashboard cookie.</summary>
    public const string Scheme = "AutoDialer";
    public const string ApiKeyScheme = "AutoDialer.ApiKey";
    public const string CookieScheme = "AutoDialer.Cookie";
    public const string BridgeTokenScheme = "AutoDialer.BridgeToken";
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The Data Protection application name every node uses, so that they share one key ring (and its cookies and tokens).</summary>
    public const string ApplicationName = "AutoDialer";
}
