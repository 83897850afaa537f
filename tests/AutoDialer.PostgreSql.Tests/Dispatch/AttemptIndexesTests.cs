using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.PostgreSql.Tests.Dispatch;

/// <summary>
/// An attempt's row is updated about four times a call (marked sending, placed, its CallID bound, settled). PostgreSQL
/// writes an update beside the old row version without touching any index (a HOT update) only when none of the changed
/// columns is one an index keys on or its predicate reads; otherwise every one of the table's indexes gets an entry.
/// </summary>
[Collection("postgres")]
public sealed class AttemptIndexesTests(PostgresFixture postgres)
{
    /// <summary>Marking an attempt placed changes its status and nothing an index reads: no index may read status.</summary>
    [Fact]
    public async Task No_index_of_attempts_reads_its_status_so_marking_one_placed_writes_no_index_entry()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        await using var connection = await db.OpenConnectionAsync();

        var reading = await connection.QueryAsync<string>("""
            select i.indexrelid::regclass::text from pg_index i
            where i.indrelid = 'attempts'::regclass
              and (exists (select 1 from pg_attribute a where a.attrelid = i.indrelid and a.attname = 'status' and a.attnum = any(i.indkey))
                   or coalesce(pg_get_expr(i.indpred, i.indrelid), '') ~ '\mstatus\M'
                   or coalesce(pg_get_expr(i.indexprs, i.indrelid), '') ~ '\mstatus\M')
            """);

        Assert.Empty(reading);
    }

    /// <summary>The stale sweep's look-up of expired offers still goes through the offers' index, not the whole table.</summary>
    [Fact]
    public async Task Expired_offers_are_found_through_the_offers_index()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("set enable_seqscan = off");

        var plan = string.Join('\n', await connection.QueryAsync<string>("explain " + PreviewOffers.ExpiredSql,
            new { cutoff = DateTime.UtcNow, limit = 500 }));

        Assert.Contains("attempts_offered", plan, StringComparison.Ordinal);
    }
}
