using System.Collections.Frozen;
using System.Security.Cryptography;

namespace AutoDialer.AspNetCore.Dashboard;

/// <summary>
/// The dashboard's files, embedded in this assembly (see the project file: everything under <c>assets/</c>, subfolders
/// included), read once and kept. A file is found by its path under <c>assets/</c> (<c>"lib/html.js"</c>); only the
/// embedded names exist, so no request can reach anything else.
/// </summary>
internal static class DashboardAssets
{
    private const string ResourcePrefix = "dashboard/";

    private static readonly Lazy<FrozenDictionary<string, Asset>> All = new(Load);

    public static Asset? Find(string path) => All.Value.GetValueOrDefault(path);

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
            // %(RecursiveDir) is written with the building OS's separator.
            var path = resource[ResourcePrefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            assets[path] = new Asset(bytes, ContentTypeOf(path), $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..16]}\"");
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    // JavaScript as text/javascript: browsers run an ES module only with a JavaScript MIME type (and nosniff holds
    // every other file to its declared type).
    private static string ContentTypeOf(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".json" => "application/json; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };

    internal sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
