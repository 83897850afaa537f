using System.Text.RegularExpressions;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// Rules the dashboard's shipped files keep so that its safety does not depend on each view's author: markup enters
/// the page only through assets/lib/html.js (which escapes every value), and nothing needs what the
/// Content-Security-Policy forbids (inline script, event handler attributes, eval, style attributes).
/// </summary>
public sealed class DashboardSourceRulesTests
{
    private const string Renderer = "lib/html.js";

    public static TheoryData<string> Scripts() => [.. DashboardFiles.Paths().Where(p => p.EndsWith(".js", StringComparison.Ordinal))];

    public static TheoryData<string> Pages() => [.. DashboardFiles.Paths().Where(p => p.EndsWith(".html", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Only_the_html_module_turns_strings_into_markup(string path)
    {
        if (path == Renderer) return;
        var text = DashboardFiles.Text(path);
        foreach (var sink in new[] { @"\.innerHTML\b", @"\.outerHTML\s*=", @"\binsertAdjacentHTML\b", @"\bdocument\.write", @"\bcreateContextualFragment\b", @"\bDOMParser\b" })
            Assert.False(Regex.IsMatch(text, sink), $"{path} uses {sink}: render markup with render()/append() from {Renderer}");
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void No_script_needs_what_the_policy_forbids(string path)
    {
        var text = DashboardFiles.Text(path);
        foreach (var forbidden in new[] { @"\beval\s*\(", @"\bnew\s+Function\b", @"\bsetTimeout\s*\(\s*['""`]", @"\bsetInterval\s*\(\s*['""`]", @"\sstyle\s*=\s*[""']",
                     @"setAttribute\(\s*['""](style|on\w+)['""]", @"\son[a-z]+\s*=\s*[""']" })
            Assert.False(Regex.IsMatch(text, forbidden), $"{path} matches {forbidden}");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Pages_load_scripts_and_styles_only_as_files(string path)
    {
        var text = DashboardFiles.Text(path);
        Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)[^>]*>", text);
        Assert.DoesNotMatch(@"<style\b", text);
        Assert.DoesNotMatch(@"\sstyle\s*=", text);
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", text);
        Assert.DoesNotMatch(@"<base\b", text);
    }

    /// <summary>
    /// The files that may call trusted(…), which inserts markup unescaped: each use reviewed to take only markup the
    /// dashboard wrote itself, never data. None is needed today.
    /// </summary>
    private static readonly string[] ReviewedTrustedUses = [];

    [Fact]
    public void The_escape_hatch_is_used_only_where_reviewed()
    {
        var uses = DashboardFiles.Paths().Where(p => p.EndsWith(".js", StringComparison.Ordinal) && p != Renderer)
            .Where(p => Regex.IsMatch(DashboardFiles.Text(p), @"\btrusted\s*\("))
            .ToArray();
        Assert.Equal(ReviewedTrustedUses, uses);
    }
}
