using System.Text.RegularExpressions;
using AutoDialer.Testing;

namespace AutoDialer.Core.Tests.Docs;

/// <summary>
/// The documentation reads off the tree: every repository path a document names in backticks (<c>`src/…`</c>,
/// <c>`tests/…`</c>, <c>`sql/…`</c>, <c>`samples/…`</c>, <c>`docs/…`</c>; a <c>*</c> matches within a name) and every
/// relative link it makes exists. So docs/architecture.md's table of the data's path (stage → folder → files) fails
/// here the day a file it names is moved or renamed, and so does any other document.
/// </summary>
public sealed partial class DocumentedPathsTests
{
    public static TheoryData<string> Documents()
    {
        var documents = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryFiles.PathOf("docs"), "*.md", SearchOption.AllDirectories)
                     .Append(RepositoryFiles.PathOf("README.md")).Order(StringComparer.Ordinal))
        {
            documents.Add(Path.GetRelativePath(RepositoryFiles.Root, file).Replace('\\', '/'));
        }

        return documents;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_path_a_document_names_exists(string document)
    {
        var text = File.ReadAllText(RepositoryFiles.PathOf(document));

        var missing = NamedPaths(text).Where(path => !Exists(RepositoryFiles.Root, path))
            .Concat(LinkedPaths(text).Where(path => !Exists(Path.GetDirectoryName(RepositoryFiles.PathOf(document))!, path)))
            .Distinct(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"{document} names what the tree does not have: {string.Join(", ", missing)}");
    }

    [Fact]
    public void A_path_that_is_not_in_the_tree_is_found()
    {
        const string text = "The importer is `src/AutoDialer.PostgreSql/Import/NoSuchImporter.cs`; see [the schema](../sql/no-such.sql) and `sql/*.sql`.";

        var named = NamedPaths(text).ToList();
        var linked = LinkedPaths(text).ToList();

        Assert.Equal(["src/AutoDialer.PostgreSql/Import/NoSuchImporter.cs", "sql/*.sql"], named);
        Assert.Equal(["../sql/no-such.sql"], linked);
        Assert.False(Exists(RepositoryFiles.Root, named[0]));
        Assert.True(Exists(RepositoryFiles.Root, named[1]));
        Assert.False(Exists(RepositoryFiles.PathOf("docs"), linked[0]));
    }

    /// <summary>Backticked paths under the repository's top folders, without a trailing line number or anchor.</summary>
    private static IEnumerable<string> NamedPaths(string text) =>
        BacktickedPath().Matches(text).Select(m => Trim(m.Groups["path"].Value));

    /// <summary>Targets of Markdown links that are neither absolute URLs nor anchors in the same document.</summary>
    private static IEnumerable<string> LinkedPaths(string text) =>
        Link().Matches(text).Select(m => m.Groups["target"].Value)
            .Where(target => !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith('#') && !target.StartsWith("mailto:", StringComparison.Ordinal))
            .Select(Trim);

    private static string Trim(string path) => LineOrAnchor().Replace(path, "");

    private static bool Exists(string directory, string path)
    {
        var full = Path.GetFullPath(Path.Combine(directory, path));
        if (!path.Contains('*', StringComparison.Ordinal)) return File.Exists(full) || Directory.Exists(full);
        var folder = Path.GetDirectoryName(full)!;
        return Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder, Path.GetFileName(full)).Any();
    }

    [GeneratedRegex(@"`(?<path>(?:src|tests|sql|samples|docs)/[^`\s]*)`")]
    private static partial Regex BacktickedPath();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(?::\d+(?:-\d+)?|#.*)$")]
    private static partial Regex LineOrAnchor();
}
