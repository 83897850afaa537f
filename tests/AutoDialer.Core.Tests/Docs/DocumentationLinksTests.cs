using System.Text.RegularExpressions;
using AutoDialer.Testing;

namespace AutoDialer.Core.Tests.Docs;

/// <summary>
/// The README is an entry point and docs/ holds the depth, so their links are the way in: every relative link in
/// README.md and docs/**/*.md names a file or folder of this repository, every <c>#anchor</c> one of the target's
/// headings (by GitHub's slug rules), and every document is reachable from the README.
/// </summary>
public sealed partial class DocumentationLinksTests
{
    public static TheoryData<string> Documents() => new(DocumentPaths());

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_relative_link_names_an_existing_file_and_an_existing_heading(string document)
    {
        var broken = MarkdownDocument.Read(RepositoryFiles.PathOf(document)).Links
            .Select(link => (link, problem: Problem(document, link.Target)))
            .Where(found => found.problem is not null)
            .Select(found => $"{document}:{found.link.Line}: ({found.link.Target}) {found.problem}")
            .ToList();

        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void Every_document_in_docs_is_reachable_from_the_readme()
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var next = new Queue<string>(["README.md"]);
        while (next.TryDequeue(out var document))
        {
            if (!reached.Add(document)) continue;
            foreach (var link in MarkdownDocument.Read(RepositoryFiles.PathOf(document)).Links)
            {
                if (Problem(document, link.Target) is null && Resolve(document, link.Target) is { } target
                    && target.EndsWith(".md", StringComparison.Ordinal) && File.Exists(RepositoryFiles.PathOf(target)))
                    next.Enqueue(target);
            }
        }

        var unreached = DocumentPaths().Where(document => !reached.Contains(document)).ToList();
        Assert.True(unreached.Count == 0, "Not linked from README.md, directly or through another document: " + string.Join(", ", unreached));
    }

    [Theory]
    [InlineData("docs/dialing.md", "architecture.md", "docs/architecture.md")]
    [InlineData("docs/dialing.md", "architecture.md#one-dials-journey", "docs/architecture.md")]
    [InlineData("docs/performance/README.md", "../dialing.md", "docs/dialing.md")]
    [InlineData("README.md", "docs/hosting.md", "docs/hosting.md")]
    [InlineData("docs/access.md", "#forwarded-headers", "docs/access.md")]
    public void A_link_resolves_against_its_own_document_s_folder(string document, string target, string resolved)
    {
        Assert.Equal(resolved, Resolve(document, target));
    }

    [Theory]
    [InlineData("docs/dialing.md", "no-such-page.md", "no such file")]
    [InlineData("docs/dialing.md", "architecture.md#no-such-heading", "no heading")]
    [InlineData("README.md", "../outside.md", "outside the repository")]
    public void A_broken_link_is_reported(string document, string target, string problem)
    {
        Assert.Contains(problem, Problem(document, target));
    }

    /// <summary>Why a link is broken, or null when it resolves (links with a scheme, http:, mailto:, are not ours to check).</summary>
    private static string? Problem(string document, string target)
    {
        if (Scheme().IsMatch(target)) return null;
        var resolved = Resolve(document, target);
        if (resolved is null) return "points outside the repository";
        var path = RepositoryFiles.PathOf(resolved);
        if (!File.Exists(path) && !Directory.Exists(path)) return "no such file or folder";
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0 || !resolved.EndsWith(".md", StringComparison.Ordinal)) return null;
        var anchor = Uri.UnescapeDataString(target[(hash + 1)..]);
        return MarkdownDocument.Read(path).Anchors.Contains(anchor)
            ? null
            : $"no heading with the anchor #{anchor} in {resolved}";
    }

    /// <summary>The repository path a link points at (its own document for <c>#anchor</c>), or null when it leaves the repository.</summary>
    private static string? Resolve(string document, string target)
    {
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var file = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        if (file.Length == 0) return document;
        var root = Path.GetFullPath(RepositoryFiles.Root);
        var full = file.StartsWith('/')
            ? Path.GetFullPath(Path.Combine(root, file.TrimStart('/')))
            : Path.GetFullPath(Path.Combine(root, Path.GetDirectoryName(document) ?? "", file));
        var relative = Path.GetRelativePath(root, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? null
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>README.md and every Markdown file under docs/, as repository paths.</summary>
    private static IEnumerable<string> DocumentPaths() =>
        Directory.EnumerateFiles(RepositoryFiles.PathOf("docs"), "*.md", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepositoryFiles.Root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .Prepend("README.md");

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();
}
