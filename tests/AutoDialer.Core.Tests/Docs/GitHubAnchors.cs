using System.Globalization;
using System.Text;

namespace AutoDialer.Core.Tests.Docs;

/// <summary>
/// The anchors GitHub gives a Markdown file's headings, by its slug rules (github-slugger, and the html-pipeline filter
/// before it): the heading's text in lower case, every character dropped that is not a letter, a mark, a digit, a
/// connector (<c>_</c>), a hyphen or a space, then each space made a hyphen; a repeated slug gets <c>-1</c>, <c>-2</c>, ….
/// </summary>
internal static class GitHubAnchors
{
    /// <summary>The slug of one heading's rendered text (<c>The data's path</c> → <c>the-datas-path</c>).</summary>
    public static string Slug(string headingText)
    {
        var slug = new StringBuilder(headingText.Length);
        foreach (var c in headingText.ToLowerInvariant())
        {
            if (c == ' ') slug.Append('-');
            else if (c == '-' || Kept(CharUnicodeInfo.GetUnicodeCategory(c))) slug.Append(c);
        }
        return slug.ToString();
    }

    /// <summary>The anchors of a file's headings in order, repeats numbered as GitHub numbers them.</summary>
    public static IReadOnlyList<string> For(IEnumerable<string> headingTexts)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var anchors = new List<string>();
        foreach (var text in headingTexts)
        {
            var slug = Slug(text);
            var anchor = slug;
            for (var n = 1; !taken.Add(anchor); n++) anchor = $"{slug}-{n}";
            anchors.Add(anchor);
        }
        return anchors;
    }

    private static bool Kept(UnicodeCategory category) => category is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
        or UnicodeCategory.ConnectorPunctuation;
}
