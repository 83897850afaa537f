using AutoDialer.Testing;
using System.Text.RegularExpressions;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.PostgreSql.Tests.StoredWords;

/// <summary>
/// The vocabularies in Core/StoredWords and the schema (<c>sql/schema.sql</c>, which <c>SchemaFileTests</c> holds to what
/// the migrations make) must name the same words: a state added on one side only would be refused by the database at
/// the first write, or fail to parse at the first read. Each CHECK list of words is exactly its vocabulary's names, every
/// such list has a vocabulary, and every other word the schema gives such a column (another CHECK, a default) is one of
/// its names.
/// </summary>
public sealed partial class StoredNamesMatchSchemaTests
{
    /// <summary>Each column with a vocabulary, as table.column, and the vocabulary's names.</summary>
    public static TheoryData<string, string[]> Columns() => new()
    {
        { "contacts.state", ContactStates.All.Select(s => s.ToName()).ToArray() },
        { "attempts.status", AttemptStatuses.All.Select(s => s.ToName()).ToArray() },
        { "campaigns.state", CampaignStates.All.Select(s => s.ToName()).ToArray() },
        { "list_uploads.status", UploadStatuses.All.Select(s => s.ToName()).ToArray() },
        { "dial_gate_refusals.stage", DialGateStages.All.Select(s => s.ToName()).ToArray() },
        { "audit_entries.action", AuditActions.All.Select(a => a.ToName()).ToArray() },
        { "audit_entries.actor_kind", AuditActorKinds.All.Select(k => k.ToName()).ToArray() },
        { "audit_entries.target_type", AuditTargets.All.Select(t => t.ToName()).ToArray() },
        { "call_events.vendor", EventVendors.All.Select(s => s.ToName()).ToArray() },
        { "attempts.disposition_effect", DispositionEffects.All.Select(e => e.ToName()).ToArray() },
    };

    [Theory]
    [MemberData(nameof(Columns))]
    public void The_check_list_of_a_column_is_exactly_its_vocabulary(string column, string[] names)
    {
        var listed = Assert.Single(Schema.Value.CheckLists, c => c.Column == column).Words;

        Assert.Equal(listed.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_check_list_of_words_has_a_vocabulary()
    {
        var covered = Columns().Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);

        Assert.All(Schema.Value.CheckLists, list => Assert.True(covered.Contains(list.Column),
            $"{list.Column} is checked against ({string.Join(", ", list.Words)}) but has no vocabulary in Core/StoredWords"));
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public void Every_other_word_the_schema_gives_the_column_is_one_of_its_names(string column, string[] names)
    {
        var words = Schema.Value.OtherWords.Where(w => w.Column == column).ToList();

        Assert.All(words, w => Assert.True(names.Contains(w.Word, StringComparer.Ordinal), $"{column}: '{w.Word}' ({w.Where}) is not one of its names"));
    }

    private static readonly Lazy<SchemaWords> Schema = new(() => SchemaWords.Read(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "sql", "schema.sql"))));

    private sealed partial record SchemaWords(
        IReadOnlyList<(string Column, string[] Words)> CheckLists,
        IReadOnlyList<(string Column, string Word, string Where)> OtherWords)
    {
        public static SchemaWords Read(string schema)
        {
            var lists = new List<(string, string[])>();
            var others = new List<(string, string, string)>();
            foreach (Match table in Table().Matches(schema))
            {
                var name = table.Groups["table"].Value;
                foreach (var line in table.Groups["body"].Value.Split('\n'))
                {
                    if (CheckList().Match(line) is { Success: true } list)
                    {
                        lists.Add(($"{name}.{list.Groups["column"].Value}", Quoted().Matches(list.Groups["words"].Value).Select(m => m.Groups[1].Value).ToArray()));
                    }
                    else if (Compared().Match(line) is { Success: true } compared)
                    {
                        others.Add(($"{name}.{compared.Groups["column"].Value}", compared.Groups["word"].Value, line.Trim()));
                    }
                    if (Default().Match(line) is { Success: true } byDefault)
                        others.Add(($"{name}.{byDefault.Groups["column"].Value}", byDefault.Groups["word"].Value, line.Trim()));
                }
            }
            return new SchemaWords(lists, others);
        }

        [GeneratedRegex(@"CREATE TABLE public\.(?<table>\w+) \((?<body>.*?)\n\)", RegexOptions.Singleline)]
        private static partial Regex Table();

        // CONSTRAINT contacts_state_check CHECK ((state = ANY (ARRAY['pending'::text, 'dialing'::text, ...])))
        [GeneratedRegex(@"CHECK \(\((?<column>\w+) = ANY \(ARRAY\[(?<words>[^\]]*)\]\)\)\)")]
        private static partial Regex CheckList();

        // CONSTRAINT attempts_settled_when_settled_at CHECK (((status = 'settled'::text) = (settled_at IS NOT NULL)))
        [GeneratedRegex(@"CHECK .*\((?<column>\w+) = '(?<word>[^']*)'::text\)")]
        private static partial Regex Compared();

        // status text DEFAULT 'dialing'::text NOT NULL
        [GeneratedRegex(@"^\s*(?<column>\w+) text DEFAULT '(?<word>[^']*)'::text")]
        private static partial Regex Default();

        [GeneratedRegex("'([^']*)'")]
        private static partial Regex Quoted();
    }
}
