using AutoDialer.PostgreSql.Events;
using AutoDialer.Testing;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Tests.Events;

[Collection("postgres")]
public sealed class CallEventStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_duplicated_Originated_binds_its_call_to_one_attempt_only_in_the_same_batch_or_a_later_one()
    {
        var dataSource = await postgres.CreateDatabaseAsync("bind_duplicate");
        var campaign = await DialingSeed.RunningAsync(dataSource, DialingSeed.Settings(["a1"]), contacts: 3, due: Now.AddMinutes(-5));
        await using var connection = await dataSource.OpenConnectionAsync();
        // Two live attempts of one agent dialling one number (as when a session's earlier call was never settled).
        await connection.ExecuteAsync("""
            insert into attempts (id, campaign_id, contact_id, provider_account, agent_id, phone, dial_string, node, created_at)
            select 99 + row_number() over (order by c.id), @campaignId, c.id, 'simulator', 'a1', '+8613800000001', '13800000001', 'node', @now
            from (select id from contacts order by id limit 2) c
            """, new { campaignId = campaign.Id, now = Now.UtcDateTime });
        var dialString = await connection.ExecuteScalarAsync<string>("select dial_string from attempts limit 1");
        var store = new CallEventStore(dataSource);

        var sameBatch = await store.BindCallsAsync("simulator", [("a1", dialString, "call-1", DateTimeOffset.UtcNow), ("a1", dialString, "call-1", DateTimeOffset.UtcNow)], CancellationToken.None);
        var laterBatch = await store.BindCallsAsync("simulator", [("a1", dialString, "call-1", DateTimeOffset.UtcNow)], CancellationToken.None);

        Assert.Equal(new Dictionary<string, long> { ["call-1"] = 100 }, sameBatch);
        Assert.Empty(laterBatch);
        var boundIds = (await connection.QueryAsync<long>("select id from attempts where call_id = 'call-1'")).ToArray();
        Assert.Equal(new[] { 100L }, boundIds);
        Assert.Equal(new Dictionary<string, (long, string)> { ["call-1"] = (100, "a1") },
            await store.FindAttemptsByCallIdAsync("simulator", ["call-1"], CancellationToken.None));
    }

    /// <summary>
    /// The event pump looks up a batch's CallIDs at once. With statistics taken while attempts was small (a new database, a
    /// table that grew fast since its last analyze), the index that led with provider_account was read whole for the
    /// account and the CallIDs filtered: ~100 ms a batch at 40,000 attempts in bench dispatch. Each CallID is one probe.
    /// </summary>
    [Fact]
    public async Task A_batch_of_CallIDs_is_looked_up_by_its_CallIDs_even_with_statistics_from_when_attempts_was_small()
    {
        var dataSource = await postgres.CreateDatabaseAsync("call_id_plan");
        var campaign = await DialingSeed.RunningAsync(dataSource, DialingSeed.Settings(["a1"]), contacts: 1, due: Now.AddMinutes(-5));
        await using var connection = await dataSource.OpenConnectionAsync();
        const string SettledAttempts = """
            insert into attempts (campaign_id, contact_id, provider_account, agent_id, phone, dial_string, node, created_at, settled_at, status, call_id)
            select @campaignId, (select id from contacts limit 1), 'simulator', 'a1', '+8613800000001', '13800000001', 'node', @now, @now, 'settled',
                   'call-' || g
            from generate_series(@from, @to) g
            """;
        await connection.ExecuteAsync(SettledAttempts, new { campaignId = campaign.Id, now = Now.UtcDateTime, from = 1, to = 100 });
        await connection.ExecuteAsync("analyze attempts");
        await connection.ExecuteAsync(SettledAttempts, new { campaignId = campaign.Id, now = Now.UtcDateTime, from = 101, to = 40_000 });

        var plan = string.Join('\n', await connection.QueryAsync<string>("explain " + CallEventStore.FindByCallIdSql,
            new { providerAccount = "simulator", callIds = Enumerable.Range(39_801, 200).Select(i => $"call-{i}").ToArray() }));

        Assert.Contains("Index Cond: ((call_id = ANY", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Filter", plan, StringComparison.Ordinal);
    }

    /// <summary>
    /// Settlement reads the stored events of a batch's calls. Until call_events is first analyzed (a new database's first
    /// minute, or longer) PostgreSQL assumes 200 distinct attempts, so a batch's attempts looked like hundreds of events
    /// each and call_events was read whole (a hash join over 47,000 rows, 6–11 ms of every event batch at 200 agents over
    /// the bridge). Each attempt's events are one probe of its index, whatever the statistics say.
    /// </summary>
    [Fact]
    public async Task A_batch_of_attempts_has_its_events_read_by_attempt_even_before_call_events_was_ever_analyzed()
    {
        var dataSource = await postgres.CreateDatabaseAsync("events_of_plan");
        await using var connection = await dataSource.OpenConnectionAsync();
        await StoreEventsNeverAnalyzedAsync(connection);

        var plan = string.Join('\n', await connection.QueryAsync<string>("explain " + CallEventStore.EventsOfSql,
            new { attemptIds = Enumerable.Range(19_900, 8).Select(i => (long)i).ToArray(), ifSettled = Enumerable.Range(19_950, 15).Select(i => (long)i).ToArray() }));

        Assert.DoesNotContain("Seq Scan on call_events", plan, StringComparison.Ordinal);
        Assert.Contains("call_events_attempt", plan, StringComparison.Ordinal);
    }

    /// <summary>
    /// The same read for a large batch (500 events: the pump's batch once it falls behind), before call_events is first
    /// analyzed: its estimate of hundreds of events an attempt crossed PostgreSQL's thresholds for compiling the statement
    /// to machine code with optimisation and inlining, 100–200 ms of compiling for each execution of a read of a few
    /// hundred rows, which made the next batch larger still (the 1,000-agent bridge bench's p99 at 450–1,070 ms). On
    /// AutoDialer's connections nothing is compiled.
    /// </summary>
    [Fact]
    public async Task A_large_batch_read_is_not_compiled_to_machine_code_before_call_events_was_ever_analyzed()
    {
        var dataSource = await postgres.CreateDatabaseAsync("events_of_jit");
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var premise = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("set local jit = on", transaction: premise);
            Assert.True(await connection.ExecuteScalarAsync<bool>("select pg_jit_available()", transaction: premise),
                "this server cannot compile statements at all: the test would prove nothing here");
        }
        await StoreEventsNeverAnalyzedAsync(connection);

        var plan = string.Join('\n', await connection.QueryAsync<string>("explain " + CallEventStore.EventsOfSql,
            new { attemptIds = Enumerable.Range(18_000, 170).Select(i => (long)i).ToArray(), ifSettled = Enumerable.Range(19_000, 30).Select(i => (long)i).ToArray() }));

        Assert.DoesNotContain("JIT", plan, StringComparison.Ordinal);
    }

    /// <summary>Six events each for 20,000 attempts, in a call_events that is never analyzed (autovacuum's first look is up
    /// to a minute away): PostgreSQL's defaults say 200 distinct attempts.</summary>
    private static async Task StoreEventsNeverAnalyzedAsync(NpgsqlConnection connection)
    {
        await connection.ExecuteAsync("alter table call_events set (autovacuum_enabled = false)");
        await connection.ExecuteAsync("""
            insert into call_events (provider_account, event_id, agent_id, name, occurred_at, payload, call_id, attempt_id, vendor)
            select 'simulator', 'e-' || g || '-' || n, 'a1', 'CallEvent', @now, '{}', 'call-' || g, g, 'simulator'
            from generate_series(1, 20000) g cross join generate_series(1, 6) n
            """, new { now = Now.UtcDateTime });
    }
}
