using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// <c>GET /autodialer-bridge.js</c>: the page-side script, embedded in this assembly so that it always matches
/// the server's protocol. Revalidated by ETag, so a page picks up a new version on its next load.
/// </summary>
internal sealed class BridgeScript
{
    public const string ResourceName = "autodialer-bridge.js";

    public BridgeScript()
    {
        using var stream = typeof(BridgeScript).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        Content = memory.ToArray();
        ETag = "\"" + Convert.ToHexStringLower(SHA256.HashData(Content))[..16] + "\"";
    }

    public byte[] Content { get; }

    public string ETag { get; }

    public IResult Serve(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.ETag = ETag;
        context.Response.Headers.CacheControl = "no-cache";
        // Workbench pages load it from another origin.
        context.Response.Headers.AccessControlAllowOrigin = "*";
        if (context.Request.Headers[HeaderNames.IfNoneMatch].ToString() == ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(Content, "text/javascript; charset=utf-8");
    }
}
