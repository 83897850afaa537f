using System.Text.RegularExpressions;
using AutoDialer.Core.StoredWords;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.PostgreSql.Tests.StoredWords;

/// <summary>
/// The named types in Core and the CHECK lists of the migrated schema must name the same words: a state added on one
/// side only would be refused by the database at the first write, or parsed as garbage at the first read.
/// </summary>
[Collection("postgres")]
public sealed partial class StoredNamesMatchSchemaTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Contact_states_are_the_words_of_contacts_state_check()
    {
        var allowed = await CheckListAsync("contacts", "contacts_state_check");

        Assert.Equal(allowed.Order(), ContactStateNames.All.Select(s => s.ToName()).Order());
    }

    [Fact]
    public async Task Attempt_statuses_are_the_words_of_attempts_status_check()
    {
        var allowed = await CheckListAsync("attempts", "attempts_status_check");

        Assert.Equal(allowed.Order(), AttemptStatusNames.All.Select(s => s.ToName()).Order());
    }

    /// <summary>The quoted words of a CHECK (column in (...)) constraint, as PostgreSQL prints it back.</summary>
    private async Task<IReadOnlyList<string>> CheckListAsync(string table, string constraint)
    {
        var dataSource = await postgres.CreateDatabaseAsync("stored_names");
        await using var connection = await dataSource.OpenConnectionAsync();
        var definition = await connection.ExecuteScalarAsync<string?>("""
            select pg_get_constraintdef(oid) from pg_constraint
            where conrelid = @table::regclass and conname = @constraint and contype = 'c'
            """, new { table, constraint });
        Assert.NotNull(definition);
        // e.g. CHECK ((state = ANY (ARRAY['pending'::text, 'dialing'::text, ...])))
        return QuotedWord().Matches(definition).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedWord();
}
