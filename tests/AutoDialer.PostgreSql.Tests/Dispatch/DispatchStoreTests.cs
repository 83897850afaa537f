using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.PostgreSql.Settlement;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.PostgreSql.Tests.Dispatch;

[Collection("postgres")]
public sealed class DispatchStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai, a Wednesday

    [Fact]
    public async Task One_lease_gives_each_free_agent_its_own_contact_and_writes_the_attempts_first()
    {
        var dataSource = await postgres.CreateDatabaseAsync("lease_batch");
        string[] agents = ["a1", "a2", "a3", "a4", "a5"];
        var campaign = await DialingSeed.RunningAsync(dataSource, DialingSeed.Settings(agents), contacts: 20, due: Now.AddMinutes(-5));
        var store = new DispatchStore(dataSource, new CampaignSettingsCache());

        var leases = await store.LeaseAsync(campaign, DialingSeed.Account, agents, "node-1", Now, CancellationToken.None);

        Assert.Equal(agents, leases.Select(l => l.AgentId));
        Assert.Equal(5, leases.Select(l => l.ContactId).Distinct().Count());
        await using var connection = await dataSource.OpenConnectionAsync();
        var written = (await connection.QueryAsync<(long id, string agent_id, string status, string state)>("""
            select a.id, a.agent_id, a.status, c.state from attempts a join contacts c on c.id = a.contact_id order by a.id
            """)).ToList();
        Assert.Equal(leases.Select(l => (l.AttemptId, l.AgentId)), written.Select(w => (w.id, w.agent_id)));
        Assert.All(written, w => Assert.Equal(("dialing", "dialing"), (w.status, w.state)));
        // Round robin over the two trunks, counted in the database.
        var counted = (await connection.QueryAsync<int>("select used_today from caller_numbers order by used_today desc")).ToArray();
        Assert.Equal(new[] { 3, 2 }, counted);
    }

    [Fact]
    public async Task An_agent_with_a_live_attempt_gets_nothing_until_it_is_settled()
    {
        var dataSource = await postgres.CreateDatabaseAsync("lease_busy_agent");
        var campaign = await DialingSeed.RunningAsync(dataSource, DialingSeed.Settings(["a1", "a2"]), contacts: 10, due: Now.AddMinutes(-5));
        var store = new DispatchStore(dataSource, new CampaignSettingsCache());

        var first = await store.LeaseAsync(campaign, DialingSeed.Account, ["a1"], "node-1", Now, CancellationToken.None);
        var second = await store.LeaseAsync(campaign, DialingSeed.Account, ["a1", "a2"], "node-1", Now, CancellationToken.None);

        Assert.Single(first);
        Assert.Equal(["a2"], second.Select(l => l.AgentId));
    }

    [Fact]
    public async Task A_daily_cap_holds_within_one_lease_and_across_leases()
    {
        var dataSource = await postgres.CreateDatabaseAsync("lease_cap");
        string[] agents = ["a1", "a2", "a3", "a4"];
        var settings = DialingSeed.Settings(agents, [new CallerNumber("only", "+862161230009", "021")], dailyCap: 3);
        var campaign = await DialingSeed.RunningAsync(dataSource, settings, contacts: 10, due: Now.AddMinutes(-5));
        var store = new DispatchStore(dataSource, new CampaignSettingsCache());

        var first = await store.LeaseAsync(campaign, DialingSeed.Account, agents, "node-1", Now, CancellationToken.None);

        Assert.Equal(3, first.Count(l => l.CallerNumberId == "only"));
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(3, await connection.ExecuteScalarAsync<int>("select used_today from caller_numbers"));
        await connection.ExecuteAsync("update attempts set status = 'settled', outcome = 'answered', settled_at = now()");
        var second = await store.LeaseAsync(campaign, DialingSeed.Account, agents, "node-1", Now, CancellationToken.None);
        Assert.DoesNotContain(second, l => l.CallerNumberId is not null);
        Assert.Equal(3, await connection.ExecuteScalarAsync<int>("select used_today from caller_numbers"));
    }

    [Fact]
    public async Task A_daily_cap_holds_when_leases_run_at_once()
    {
        var dataSource = await postgres.CreateDatabaseAsync("lease_cap_parallel");
        var agents = Enumerable.Range(1, 12).Select(i => $"a{i:00}").ToArray();
        var settings = DialingSeed.Settings(agents, [new CallerNumber("only", "+862161230009", "021")], dailyCap: 5);
        var campaign = await DialingSeed.RunningAsync(dataSource, settings, contacts: 40, due: Now.AddMinutes(-5));
        var store = new DispatchStore(dataSource, new CampaignSettingsCache());

        var leases = (await Task.WhenAll(agents.Chunk(2).Select(pair =>
            store.LeaseAsync(campaign, DialingSeed.Account, pair, "node", Now, CancellationToken.None)))).SelectMany(l => l).ToList();

        Assert.Equal(12, leases.Count);
        Assert.Equal(5, leases.Count(l => l.CallerNumberId == "only"));
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(5, await connection.ExecuteScalarAsync<int>("select used_today from caller_numbers"));
    }

    [Fact]
    public async Task Contacts_outside_their_calling_window_are_passed_over_and_come_back_when_it_opens()
    {
        var dataSource = await postgres.CreateDatabaseAsync("lease_window");
        var settings = DialingSeed.Settings(["a1"]) with
        {
            Schedule = CallingSchedule.Create("Asia/Shanghai", [new CallingWindow(DayOfWeek.Wednesday, new TimeOnly(9, 0), new TimeOnly(18, 0))]),
        };
        // 10:00 on Wednesday in Shanghai is 18:00 on Tuesday in Los Angeles: their window is shut.
        var campaign = await DialingSeed.RunningAsync(dataSource, settings, contacts: 3, due: Now.AddMinutes(-5), contactTimeZone: "America/Los_Angeles");
        var store = new DispatchStore(dataSource, new CampaignSettingsCache());

        var leases = await store.LeaseAsync(campaign, DialingSeed.Account, ["a1"], "node-1", Now, CancellationToken.None);

        Assert.Empty(leases);
        await using var connection = await dataSource.OpenConnectionAsync();
        var dues = (await connection.QueryAsync<DateTime>("select next_due_at from contacts")).ToList();
        Assert.All(dues, due => Assert.True(due > Now.UtcDateTime, $"{due:o} should be after {Now:o}"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from attempts"));
    }

    [Fact]
    public async Task A_lease_looks_past_contacts_outside_their_window_to_serve_its_agents()
    {
        var dataSource = await postgres.CreateDatabaseAsync("lease_past_window");
        var settings = DialingSeed.Settings(["a1", "a2"]) with
        {
            Schedule = CallingSchedule.Create("Asia/Shanghai", [new CallingWindow(DayOfWeek.Wednesday, new TimeOnly(9, 0), new TimeOnly(18, 0))]),
        };
        var campaign = await DialingSeed.RunningAsync(dataSource, settings, contacts: 6, due: Now.AddMinutes(-5));
        await using var connection = await dataSource.OpenConnectionAsync();
        // The first three in line live where it is still Tuesday evening.
        await connection.ExecuteAsync("update contacts set timezone = 'America/Los_Angeles' where id in (select id from contacts order by id limit 3)");
        var store = new DispatchStore(dataSource, new CampaignSettingsCache());

        var leases = await store.LeaseAsync(campaign, DialingSeed.Account, ["a1", "a2"], "node-1", Now, CancellationToken.None);

        Assert.Equal(["a1", "a2"], leases.Select(l => l.AgentId));
        var served = (await connection.QueryAsync<string?>("select c.timezone from attempts a join contacts c on c.id = a.contact_id")).ToList();
        Assert.All(served, zone => Assert.Null(zone));
        Assert.Equal(3, await connection.ExecuteScalarAsync<int>("select count(*) from contacts where next_due_at > @now", new { now = Now.UtcDateTime }));
    }

    [Fact]
    public async Task A_paused_campaign_leases_nothing()
    {
        var dataSource = await postgres.CreateDatabaseAsync("lease_paused");
        var campaign = await DialingSeed.RunningAsync(dataSource, DialingSeed.Settings(["a1"]), contacts: 3, due: Now.AddMinutes(-5));
        await new Campaigns.CampaignStore(dataSource).TransitionAsync(campaign.Id, Core.Campaigns.CampaignCommand.Pause);
        var store = new DispatchStore(dataSource, new CampaignSettingsCache());

        Assert.Empty(await store.LeaseAsync(campaign, DialingSeed.Account, ["a1"], "node-1", Now, CancellationToken.None));
    }

    [Fact]
    public async Task Parallel_leases_for_overlapping_agents_never_give_an_agent_or_a_contact_twice()
    {
        var dataSource = await postgres.CreateDatabaseAsync("lease_parallel");
        var agents = Enumerable.Range(1, 12).Select(i => $"a{i:00}").ToArray();
        var campaign = await DialingSeed.RunningAsync(dataSource, DialingSeed.Settings(agents), contacts: 100, due: Now.AddMinutes(-5));
        var store = new DispatchStore(dataSource, new CampaignSettingsCache());

        // Eight leases at once over shuffled, overlapping sets of agents: as several workers and nodes would.
        var random = new Random(7);
        var leases = (await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            store.LeaseAsync(campaign, DialingSeed.Account, agents.OrderBy(_ => random.Next()).Take(8).ToArray(), "node", Now, CancellationToken.None))))
            .SelectMany(l => l).ToList();

        Assert.Equal(leases.Count, leases.Select(l => l.AgentId).Distinct().Count());
        Assert.Equal(leases.Count, leases.Select(l => l.ContactId).Distinct().Count());
        Assert.Equal(12, leases.Count);
    }

    [Fact]
    public async Task Leases_and_settlements_sharing_caller_numbers_at_once_never_deadlock()
    {
        var dataSource = await postgres.CreateDatabaseAsync("lease_number_locks");
        var agents = Enumerable.Range(1, 64).Select(i => $"a{i:00}").ToArray();
        var numbers = Enumerable.Range(1, 6).Select(i => new CallerNumber($"trunk-{i}", $"+8621612300{i:00}", "021")).ToArray();
        var campaign = await DialingSeed.RunningAsync(dataSource, DialingSeed.Settings(agents, numbers), contacts: 2000, due: Now.AddMinutes(-5));
        var cache = new CampaignSettingsCache();
        var store = new DispatchStore(dataSource, cache);
        var settlements = new SettlementStore(dataSource, cache);

        // Each lease counts its use of several numbers and each settlement records answers on them, in parallel, as
        // dispatch workers and the reconciler do: both must lock the numbers in one order, or PostgreSQL aborts one.
        // Two pools of agents take turns, so the one leasing was settled a round earlier and every lease finds its agents free.
        IReadOnlyList<DialLease> previous = [];
        for (var round = 0; round < 12; round++)
        {
            var settle = previous.Chunk(8).Select(chunk => settlements.SettleAsync(
                chunk.Select(l => new AttemptSettlement(l.AttemptId, CallOutcome.Answered, 3, 10)).ToList(), Now, CancellationToken.None));
            var pool = agents.Skip(round % 2 * 32).Take(32);
            var lease = pool.Chunk(4).Select(group => store.LeaseAsync(campaign, DialingSeed.Account, group, "node", Now, CancellationToken.None));
            var leased = await Task.WhenAll(lease);
            await Task.WhenAll(settle);
            previous = leased.SelectMany(l => l).ToList();
            Assert.Equal(32, previous.Count);
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(11 * 32, await connection.ExecuteScalarAsync<int>("select sum(answered_total) from caller_numbers"));
    }
}
