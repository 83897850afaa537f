using System.Text.RegularExpressions;

namespace AutoDialer.Core.Tests.Docs;

/// <summary>One link of a Markdown file: where it is (1-based line) and what it points at, as written.</summary>
internal sealed record MarkdownLink(int Line, string Target);

/// <summary>
/// What the documentation tests need of a Markdown file: its links (inline and reference definitions) and its headings'
/// anchors, both read outside fenced code blocks and inline code, where GitHub renders neither.
/// </summary>
internal sealed partial class MarkdownDocument
{
    private MarkdownDocument(string path, IReadOnlyList<MarkdownLink> links, IReadOnlyList<string> anchors)
    {
        Path = path;
        Links = links;
        Anchors = anchors;
    }

    public string Path { get; }

    public IReadOnlyList<MarkdownLink> Links { get; }

    public IReadOnlyList<string> Anchors { get; }

    public static MarkdownDocument Read(string path)
    {
        var links = new List<MarkdownLink>();
        var headings = new List<string>();
        string? fence = null;
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (Fence().Match(line) is { Success: true } opening)
            {
                var marker = opening.Groups[1].Value;
                if (fence is null) fence = marker;
                else if (marker[0] == fence[0] && marker.Length >= fence.Length && line.Trim() == marker) fence = null;
                continue;
            }
            if (fence is not null) continue;

            if (Heading().Match(line) is { Success: true } heading)
                headings.Add(RenderedText(heading.Groups[1].Value));
            var prose = InlineCode().Replace(line, "code");
            foreach (Match link in InlineLink().Matches(prose))
                links.Add(new MarkdownLink(i + 1, link.Groups[1].Value));
            if (ReferenceDefinition().Match(prose) is { Success: true } definition)
                links.Add(new MarkdownLink(i + 1, definition.Groups[1].Value));
        }
        return new MarkdownDocument(path, links, GitHubAnchors.For(headings));
    }

    /// <summary>A heading's text as GitHub renders it: code spans' contents, links' texts, no emphasis markers, no escapes.</summary>
    private static string RenderedText(string markdown)
    {
        var text = InlineLink().Replace(markdown, m => m.Groups["text"].Value);
        text = HtmlTag().Replace(text, "");
        text = text.Replace("`", "", StringComparison.Ordinal).Replace("*", "", StringComparison.Ordinal);
        return Escape().Replace(text, "$1");
    }

    [GeneratedRegex(@"^ {0,3}(`{3,}|~{3,})")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"(`+)(?:(?!\1).)+?\1")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])")]
    private static partial Regex Escape();
}
