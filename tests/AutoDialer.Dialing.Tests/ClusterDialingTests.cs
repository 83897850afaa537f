using AutoDialer.AspNetCore;
using AutoDialer.Simulation;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.InProcess;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.Dialing.Tests;

/// <summary>
/// The engine end to end on real PostgreSQL: hosts built with AddAutoDialer (Hangfire servers on one job store, engine, reconciler,
/// stale sweeper) dialling a campaign on the simulator, on an accelerated clock, to the end.
/// </summary>
[Collection("postgres")]
public sealed class ClusterDialingTests(PostgresFixture postgres)
{
    private const double Speed = 600;
    private const int Budget = 3;

    /// <summary>Every event fault at once, often enough to matter in a few hundred calls.</summary>
    private static readonly SimulatorFaults EventFaults = new()
    {
        DuplicateRate = 0.15,
        ReorderRate = 0.15,
        DropRate = 0.03,
    };

    private static SimulatorOptions Simulator(int agents, SimulatorFaults faults, int seed) => new()
    {
        AccountId = DialingRig.Account,
        AgentCount = agents,
        Seed = seed,
        WrapUpTime = DurationDistribution.Fixed(TimeSpan.FromSeconds(10)),
        Faults = faults,
    };

    /// <summary>
    /// Two dispatchers on one database: two hosts in this process, each a full cluster node (its own DI container,
    /// Hangfire server in the same job store, engine, reconciler, stale sweeper, node name), and
    /// ONE simulated call center registered in both. Sharing the call center is the honest and the harder setup: both
    /// nodes see and compete for the same 50 agents (so the per-agent advisory lock is exercised, not just SKIP LOCKED
    /// on contacts), the simulator's make-call count per business id is a single witness for both nodes, and both
    /// engines consume the one event stream as competing readers — a call's events may be split between the nodes,
    /// which must still converge on one outcome. (Two simulators over the same agent ids would be two phones per
    /// agent, a world that cannot exist; two accounts with disjoint agents would never contend for an agent.)
    /// </summary>
    [Fact]
    public async Task Two_dispatchers_sharing_the_database_never_dial_a_contact_twice()
    {
        var db = await postgres.CreateDatabaseAsync("two_nodes");
        await DialingRig.InstallAttemptWitnessAsync(db);
        var options = Simulator(agents: 50, EventFaults, seed: 7);
        var campaign = await DialingRig.CreateRunningCampaignAsync(db, "two-nodes", contacts: 400, DialingRig.Settings(options.ResolveAgentIds(), Budget));

        var time = new AcceleratedTimeProvider(Speed);
        await using var simulator = new SimulatedCallCenter(options, time);
        void Shared(IServiceCollection services)
        {
            services.AddSingleton(simulator);
            services.AddSingleton<Core.Telephony.ICallCenter>(simulator);
        }
        void Dialing(AutoDialer.Dialing.DialingOptions d)
        {
            d.StaleAfter = TimeSpan.FromMinutes(10); // 1 s of wall time; GetState protects calls still going
            d.MakeCallTimeout = TimeSpan.FromSeconds(2) * Speed;
            d.ReadTimeout = TimeSpan.FromSeconds(2) * Speed;
        }
        var connection = postgres.ConnectionStringOf(db);
        await using var first = await DialingRig.StartHostAsync(connection, "node-a", time, Shared, Dialing);
        await using var second = await DialingRig.StartHostAsync(connection, "node-b", time, Shared, Dialing);
        await using (var check = await db.OpenConnectionAsync())
        {
            // Two distinct Hangfire servers in one job store (hangfire.server lists each running node): really two nodes,
            // not one shared server. Bounded wait: each server announces itself in the background once its host has started.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            List<string> servers;
            while ((servers = (await Dapper.SqlMapper.QueryAsync<string>(check, "select split_part(id, ':', 1) from hangfire.server")).ToList()).Count < 2
                   && waited.Elapsed < TimeSpan.FromSeconds(20))
                await Task.Delay(100);
            Assert.Equal(["node-a", "node-b"], servers.Order());
        }

        var progress = await DialingRig.UntilAsync(db, campaign, p => p.Finished, TimeSpan.FromSeconds(90), "campaign finished");
        await first.StopAsync();
        await second.StopAsync();

        await DialingRig.AssertFinishedCleanlyAsync(db, campaign, Budget);
        await DialingRig.AssertEveryMakeCallOnceAsync(db, simulator.MakeCallCounts);
        Assert.Equal(0, simulator.DuplicateDials);
        // Both nodes really dialled (otherwise this proves nothing about two dispatchers).
        await using var read = await db.OpenConnectionAsync();
        var byNode = (await Dapper.SqlMapper.QueryAsync<(string node, long n)>(read,
            "select node, count(*) from attempts where campaign_id = @campaign group by node", new { campaign })).ToDictionary(r => r.node, r => r.n);
        Assert.True(byNode.GetValueOrDefault("node-a") > 20 && byNode.GetValueOrDefault("node-b") > 20,
            "both nodes should have dialled: " + string.Join(", ", byNode.Select(n => $"{n.Key}={n.Value}")));
        var faults = simulator.Counters;
        Assert.True(faults.EventsDuplicated > 0 && faults.EventsReordered > 0 && faults.EventsDropped > 0, $"faults were not injected: {faults}");
        Assert.True(progress.Attempts >= 400);
    }

    /// <summary>
    /// Correlation end to end with duplicated, reordered and missing events (the unit tests cover the classifier; this
    /// covers storage, binding of CallIDs, the batch pump and the stale sweeper together): the campaign still ends with
    /// every attempt settled, the outcome counts add up to the attempts, and calls whose hang-up was lost are settled
    /// as unknown by the sweeper rather than left live.
    /// </summary>
    [Fact]
    public async Task Reordered_duplicated_and_missing_events_still_settle_every_attempt()
    {
        var db = await postgres.CreateDatabaseAsync("faulty_events");
        await DialingRig.InstallAttemptWitnessAsync(db);
        var options = Simulator(agents: 20, new SimulatorFaults { DuplicateRate = 0.3, ReorderRate = 0.3, DropRate = 0.08 }, seed: 11);
        var campaign = await DialingRig.CreateRunningCampaignAsync(db, "faulty-events", contacts: 200, DialingRig.Settings(options.ResolveAgentIds(), Budget));

        var time = new AcceleratedTimeProvider(Speed);
        await using var simulator = new SimulatedCallCenter(options, time);
        await using var host = await DialingRig.StartHostAsync(postgres.ConnectionStringOf(db), "node-faults", time, s =>
        {
            s.AddSingleton(simulator);
            s.AddSingleton<Core.Telephony.ICallCenter>(simulator);
        }, d =>
        {
            d.StaleAfter = TimeSpan.FromMinutes(10);
            d.MakeCallTimeout = TimeSpan.FromSeconds(2) * Speed;
            d.ReadTimeout = TimeSpan.FromSeconds(2) * Speed;
        });

        await DialingRig.UntilAsync(db, campaign, p => p.Finished, TimeSpan.FromSeconds(90), "campaign finished");
        await host.StopAsync();

        await DialingRig.AssertFinishedCleanlyAsync(db, campaign, Budget);
        await DialingRig.AssertEveryMakeCallOnceAsync(db, simulator.MakeCallCounts);
        var counters = simulator.Counters;
        Assert.True(counters.EventsDuplicated > 0 && counters.EventsReordered > 0 && counters.EventsDropped > 0, $"faults were not injected: {counters}");

        await using var connection = await db.OpenConnectionAsync();
        // Duplicates were stored once: no event id twice (the key guarantees it; the count shows the pump saw them).
        var stats = await Dapper.SqlMapper.QuerySingleAsync<(long stale, long answered, long events)>(connection, """
            select count(*) filter (where outcome = 'unknown' and vendor_code = 'AD-STALE'),
                   count(*) filter (where outcome = 'answered'),
                   (select count(*) from call_events)
            from attempts where campaign_id = @campaign
            """, new { campaign });
        Assert.True(stats.stale > 0, "some hang-ups were dropped, so some attempts must have been settled by the stale sweeper");
        Assert.True(stats.answered > 0);
        Assert.True(stats.events < counters.EventsWritten, $"duplicates must be stored once: {stats.events} stored, {counters.EventsWritten} delivered");
    }
}
