using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.PostgreSql.Events;
using AutoDialer.Testing;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Tests.Dispatch;

/// <summary>
/// Dispatch marking a batch placed and the event pump binding CallIDs update the same just-placed attempts at once; each
/// must lock them in id order, whatever the order of its batch, or the two deadlock (found by PostgreSQL only after its
/// 1 s <c>deadlock_timeout</c>: the second-long tail of the bridge bench). Each test holds the lower attempt's lock in
/// another transaction, starts the update with the batch in descending order, and once it waits, looks whether it took
/// the higher attempt's lock first.
/// </summary>
[Collection("postgres")]
public sealed class AttemptLockOrderTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Marking_a_batch_placed_locks_its_attempts_in_id_order_whatever_the_batch_order()
    {
        var dataSource = await SeedAsync("lock_order_placed");
        var store = new DispatchStore(dataSource, new AutoDialer.PostgreSql.Campaigns.CampaignSettingsCache());

        var higherLockedFirst = await WhileLowerIsHeldAsync(dataSource, () => store.MarkPlacedAsync([(101, "call-b"), (100, "call-a")], CancellationToken.None));

        Assert.False(higherLockedFirst, "attempt 101 was locked before attempt 100");
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("select count(*) from attempts where status = 'placed'"));
    }

    [Fact]
    public async Task Binding_calls_locks_their_attempts_in_id_order_whatever_the_event_order()
    {
        var dataSource = await SeedAsync("lock_order_bind");
        var store = new CallEventStore(dataSource);

        var higherLockedFirst = await WhileLowerIsHeldAsync(dataSource, () => store.BindCallsAsync(DialingSeed.Account,
            [("a2", "13800000101", "call-b", Now), ("a1", "13800000100", "call-a", Now)], CancellationToken.None));

        Assert.False(higherLockedFirst, "attempt 101 was locked before attempt 100");
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("select count(*) from attempts where call_id is not null"));
    }

    /// <summary>Two dialing attempts, 101 stored before 100 (so a scan in storage order meets 101 first, as the batch does).</summary>
    private async Task<NpgsqlDataSource> SeedAsync(string name)
    {
        var dataSource = await postgres.CreateDatabaseAsync(name);
        var campaign = await DialingSeed.RunningAsync(dataSource, DialingSeed.Settings(["a1", "a2"]), contacts: 2, due: Now.AddMinutes(-5));
        await using var connection = await dataSource.OpenConnectionAsync();
        foreach (var (id, agent, contact) in new[] { (101, "a2", 2), (100, "a1", 1) })
        {
            await connection.ExecuteAsync("""
                insert into attempts (id, campaign_id, contact_id, provider_account, agent_id, phone, dial_string, node, created_at)
                select @id, @campaignId, c.id, @account, @agent, '+86138' || lpad(@id::text, 8, '0'), '138' || lpad(@id::text, 8, '0'), 'node', @now
                from contacts c order by c.id offset @contact - 1 limit 1
                """, new { id, agent, contact, campaignId = campaign.Id, account = DialingSeed.Account, now = Now.UtcDateTime });
        }

        Assert.Equal([101L, 100L], await connection.QueryAsync<long>("select id from attempts order by ctid"));
        return dataSource;
    }

    /// <summary>
    /// Runs <paramref name="update"/> while another transaction holds attempt 100; once the update waits for that lock,
    /// tells whether it already holds attempt 101's; then lets 100 go and lets the update finish.
    /// </summary>
    private static async Task<bool> WhileLowerIsHeldAsync(NpgsqlDataSource dataSource, Func<Task> update)
    {
        await using var holder = await dataSource.OpenConnectionAsync();
        await using var holding = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("select id from attempts where id = 100 for update", transaction: holding);

        var running = Task.Run(update);
        await WaitUntilALockIsAwaitedAsync(dataSource, running);
        bool higherLocked;
        await using (var probe = await dataSource.OpenConnectionAsync())
        {
            higherLocked = !(await probe.QueryAsync<long>("select id from attempts where id = 101 for update skip locked")).Any();
        }

        await holding.CommitAsync();
        await running.WaitAsync(WaitLimit);
        return higherLocked;
    }

    /// <summary>Polls PostgreSQL (another process) until one of this database's backends waits for a row lock.</summary>
    private static async Task WaitUntilALockIsAwaitedAsync(NpgsqlDataSource dataSource, Task running)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        await using var connection = await dataSource.OpenConnectionAsync();
        while (await connection.ExecuteScalarAsync<int>(
                   "select count(*)::int from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'") == 0)
        {
            if (running.IsCompleted) await running; // it failed, or it did not wait at all
            Assert.True(DateTime.UtcNow < deadline, "the update never waited for attempt 100's lock");
            await Task.Delay(10);
        }
    }
}
