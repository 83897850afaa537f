using AutoDialer.Testing;
using System.Text.RegularExpressions;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.PostgreSql.Tests.StoredWords;

/// <summary>
/// A stored word is spelled once, in its vocabulary in Core/StoredWords: SQL is built from the constants
/// (<c>$"""… '{ContactStates.Pending}' …"""</c>) and C# compares the enums. This test reads every source file under
/// <c>src/</c> outside that folder and fails, naming file:line, on a quoted SQL literal of a stored name
/// (<c>'pending'</c>) or a C# string literal of one compared with a state or status (<c>state == "running"</c>).
/// </summary>
public sealed partial class BareStoredWordsTests
{
    /// <summary>Every word a vocabulary stores (agent states are a vendor's words, never stored: not among them).</summary>
    private static readonly HashSet<string> StoredNames =
    [
        .. ContactStates.All.Select(s => s.ToName()),
        .. AttemptStatuses.All.Select(s => s.ToName()),
        .. CampaignStates.All.Select(s => s.ToName()),
        .. UploadStatuses.All.Select(s => s.ToName()),
        .. DialGateStages.All.Select(s => s.ToName()),
        .. CallOutcomes.All.Select(s => s.ToName()),
        .. DialRefusals.All.Select(s => s.ToName()),
    ];

    /// <summary>Words compared with a state or status in C#: the stored names and the agent states.</summary>
    private static readonly HashSet<string> StateNames = [.. StoredNames, .. AgentStates.All.Select(s => s.ToName()), AgentStates.Unknown];

    [Fact]
    public void No_source_outside_the_vocabularies_spells_a_stored_word()
    {
        var found = BareWords(SourceFiles()).ToList();

        Assert.True(found.Count == 0, "Stored words spelled outside Core/StoredWords (use the vocabulary's constant or enum):\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_scan_sees_a_bare_word_where_there_is_one()
    {
        var lines = new[]
        {
            ("Store.cs", "        where c.state = 'pending' and c.next_due_at <= @now"),
            ("Board.cs", "        var rate = progress.State == \"running\" ? 1 : 0;"),
            ("Fine.cs", "        where c.state = '{ContactStates.Pending}'"),
            ("Fine.cs", "        // a contact goes back to 'pending' (a comment may say so)"),
            ("Fine.cs", "        var shown = \"running\";"),
            ("Fine.cs", "        coalesce((c.settings->'rotation'->>'daily_cap')::int, 0)"),
        };

        Assert.Equal(new[] { "Store.cs:1: where c.state = 'pending' and c.next_due_at <= @now", "Board.cs:1: var rate = progress.State == \"running\" ? 1 : 0;" },
            BareWords(lines.Select(l => (l.Item1, new[] { l.Item2 }))));
    }

    private static IEnumerable<(string Path, string[] Lines)> SourceFiles()
    {
        var src = Path.Combine(RepositoryFiles.Root, "src");
        var vocabularies = Path.Combine(src, "AutoDialer.Core", "StoredWords") + Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(vocabularies, StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(RepositoryFiles.Root, f), File.ReadAllLines(f)));
    }

    private static IEnumerable<string> BareWords(IEnumerable<(string Path, string[] Lines)> files)
    {
        foreach (var (path, lines) in files)
        {
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith('*')) continue;
                var sql = SqlLiteral().Matches(line).Any(m => StoredNames.Contains(m.Groups["word"].Value));
                var compared = ComparedLiteral().Matches(line).Any(m => StateNames.Contains(m.Groups["word"].Value));
                if (sql || compared)
                    yield return $"{path}:{i + 1}: {line}";
            }
        }
    }

    // 'pending' in SQL text (C# has no multi-character char literal, so a quoted word in a .cs file is inside a string);
    // not a JSON key after -> or ->> (settings->'rotation'->>'daily_cap' names a setting, not a refusal).
    [GeneratedRegex(@"(?<!->>?)'(?<word>[a-z_]+)'")]
    private static partial Regex SqlLiteral();

    // state == "running", upload.Status != "failed", status is "settled", "done" == state
    [GeneratedRegex(@"(?:(?:state|status)\w*\)?\s*(?:==|!=|\bis\b(?:\s+not)?)\s*""(?<word>\w+)"")|(?:""(?<word>\w+)""\s*(?:==|!=)\s*\w*(?:state|status))",
        RegexOptions.IgnoreCase)]
    private static partial Regex ComparedLiteral();
}
