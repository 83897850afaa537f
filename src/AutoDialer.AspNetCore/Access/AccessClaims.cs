namespace AutoDialer.AspNetCore.Access;

/// <summary>The claims AutoDialer's schemes give a principal besides its name and role.</summary>
internal static class AccessClaims
{
    /// <summary>An agent the principal may act for (mint its bridge and vendor tokens); <see cref="AllAgents"/> for every agent.</summary>
    public const string Agent = "autodialer:agent";

    /// <summary>The value of <see cref="Agent"/> that stands for every agent.</summary>
    public const string AllAgents = "*";

    /// <summary>The provider account of a bridge token's agent.</summary>
    public const string ProviderAccount = "autodialer:provider-account";

    /// <summary>
    /// Which configured credential the principal is: <c>key:&lt;name&gt;</c> or <c>user:&lt;name&gt;</c>
    /// (<see cref="CredentialIds"/>). A bridge token carries the one that minted it.
    /// </summary>
    public const string Credential = "autodialer:credential";

    /// <summary>A digest of the dashboard user's password hash at sign-in: a changed password ends the sign-in.</summary>
    public const string CredentialStamp = "autodialer:credential-stamp";
}
