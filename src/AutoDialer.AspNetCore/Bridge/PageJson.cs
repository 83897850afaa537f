using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// The JSON of every answer a workbench page or the tenant's back end reads from the bridge endpoints: camelCase
/// (<c>agentId</c>, <c>expiresAt</c>), as the Udesk document spells <c>GetToken</c>'s <c>{ appId, timestamp, token }</c>
/// and as page scripts read it. It is written with these options, never the host's: the API's snake_case
/// (<c>ApiJson</c>, which <c>serve</c> also sets as the host's default) must not rename what a page reads.
/// </summary>
internal static class PageJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static IResult Answer<T>(HttpContext context, T value)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(value, Options);
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
