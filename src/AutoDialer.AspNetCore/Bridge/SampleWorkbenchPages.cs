using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// <c>GET /samples/workbench-udesk.html</c> and <c>/samples/workbench-meiqia.html</c>: the repository's sample
/// workbench pages, embedded in this assembly so that every host (also <c>serve</c>) can show them for a quick check,
/// and the contact card both load (<c>/samples/workbench-card.js</c>). They hold no secret: each page asks the dialer for its tokens.
/// </summary>
internal sealed class SampleWorkbenchPages
{
    public const string Route = "/samples/{file}";

    public static readonly IReadOnlyList<string> Files = ["workbench-udesk.html", "workbench-meiqia.html", "workbench-card.js"];

    private readonly FrozenDictionary<string, byte[]> _pages = Files.ToFrozenDictionary(f => f, Load, StringComparer.Ordinal);

    public IResult Serve(string file) =>
        _pages.TryGetValue(file, out var page)
            ? Results.Bytes(page, file.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8")
            : Results.NotFound();

    private static byte[] Load(string file)
    {
        var name = "samples/" + file;
        using var stream = typeof(SampleWorkbenchPages).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing from the build");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
