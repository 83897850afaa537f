using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace AutoDialer.AspNetCore.Dashboard;

/// <summary>The dashboard's files, embedded in this assembly (see the project file), read once and kept.</summary>
internal static class DashboardAssets
{
    private static readonly ConcurrentDictionary<string, Asset?> Cache = new(StringComparer.Ordinal);

    public static Asset? Find(string name) => Cache.GetOrAdd(name, Load);

    private static Asset? Load(string name)
    {
        if (name.Contains("..", StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal)) return null;
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream($"dashboard/{name}");
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        return new Asset(bytes, ContentTypeOf(name), $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..16]}\"");
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    internal sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
