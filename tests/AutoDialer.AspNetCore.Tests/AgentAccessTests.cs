using System.Security.Claims;
using AutoDialer.AspNetCore.Access;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>Who may act for an agent (get its bridge or vendor token): the rule, case by case.</summary>
public sealed class AgentAccessTests
{
    public static TheoryData<string, bool, bool, string, bool> Cases => new()
    {
        // caller, credentials configured, local peer, agent asked for, allowed
        { "nobody", false, true, "1001", true },      // the local-only mode, as before
        { "nobody", false, false, "1001", false },
        { "nobody", true, true, "1001", false },      // credentials configured: being local earns nothing
        { "nobody", true, false, "1001", false },
        { "admin key", true, true, "1001", true },
        { "admin key", true, false, "1002", true },
        { "crm key (1001)", true, false, "1001", true },
        { "crm key (1001)", true, true, "1002", false },
        { "signed-in user", true, false, "1002", true },
        { "operator user", true, false, "1002", true },
        { "viewer user", true, false, "1002", false },          // a viewer reads; it never takes over an agent
        { "viewer key", true, false, "1001", false },
        { "viewer crm key (1001)", true, false, "1001", true },  // a key scoped to agents acts for them whatever its role
        { "viewer crm key (1001)", true, false, "1002", false },
        { "bridge token 1001@udesk", true, false, "1001", true },
        { "bridge token 1001@udesk", false, false, "1001", true }, // a page anywhere, with its own token, as before
        { "bridge token 1001@udesk", true, true, "1002", false },
        { "bridge token 1001@udesk", false, true, "1002", false }, // local, but the token says another agent
        { "bridge token 1001@meiqia", true, false, "1001", false }, // another account's agent 1001
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_caller_may_act_for_an_agent_only_as_its_credential_or_bridge_token_allows(
        string caller, bool configured, bool local, string agentId, bool allowed) =>
        Assert.Equal(allowed, AgentAccess.MayActFor(Principal(caller), configured, local, agentId, "udesk"));

    private static ClaimsPrincipal Principal(string caller) => caller switch
    {
        "nobody" => new ClaimsPrincipal(new ClaimsIdentity()),
        "admin key" => new ClaimsPrincipal(AccessIdentities.ForKey(new ApiKeyCredential { Name = "api-key-1", Key = "k" })),
        "crm key (1001)" => new ClaimsPrincipal(AccessIdentities.ForKey(new ApiKeyCredential { Name = "crm", Key = "k", Agents = ["1001"] })),
        "operator user" => new ClaimsPrincipal(AccessIdentities.ForUser(new DashboardUser { Name = "op", PasswordHash = "h", Role = "operator" })),
        "viewer user" => new ClaimsPrincipal(AccessIdentities.ForUser(new DashboardUser { Name = "v", PasswordHash = "h", Role = "viewer" })),
        "viewer key" => new ClaimsPrincipal(AccessIdentities.ForKey(new ApiKeyCredential { Name = "v", Key = "k", Role = "viewer" })),
        "viewer crm key (1001)" => new ClaimsPrincipal(AccessIdentities.ForKey(new ApiKeyCredential { Name = "crm", Key = "k", Role = "viewer", Agents = ["1001"] })),
        "signed-in user" => new ClaimsPrincipal(AccessIdentities.ForUser(new DashboardUser { Name = "ops", PasswordHash = "h" })),
        "bridge token 1001@udesk" => new ClaimsPrincipal(AccessIdentities.ForBridgeToken("1001", "udesk", CredentialIds.OfKey("crm"))),
        "bridge token 1001@meiqia" => new ClaimsPrincipal(AccessIdentities.ForBridgeToken("1001", "meiqia", CredentialIds.OfKey("crm"))),
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "no such caller"),
    };
}
