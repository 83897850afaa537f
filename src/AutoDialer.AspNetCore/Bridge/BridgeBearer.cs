using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// Who may fetch an agent's vendor token (Udesk <c>GetToken</c>, Meiqia SDK login): a page holding a bridge token
/// for that very agent and account (<c>Authorization: Bearer</c>), or a local request (development, or the
/// contact center's own backend on the same machine).
/// </summary>
public static class BridgeBearer
{
    public static BridgeToken? Grant(HttpContext context, BridgeTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(context);
        var header = context.Request.Headers[HeaderNames.Authorization].ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? tokens.Validate(header[scheme.Length..].Trim()) : null;
    }

    public static bool MayActFor(HttpContext context, BridgeTokens tokens, string agentId, string accountId) =>
        Grant(context, tokens) is { } grant
            ? grant.AgentId == agentId && grant.ProviderAccount == accountId
            : BridgeTokenIssuerAuthorization.IsLocal(context);
}
