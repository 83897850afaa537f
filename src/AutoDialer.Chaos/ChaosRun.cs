using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using AutoDialer.Chaos.Judging;
using AutoDialer.PostgreSql.Embedded;
using AutoDialer.PostgreSql.Migrations;
using AutoDialer.Simulation.Commands;
using AutoDialer.Simulation.Pages;
using AutoDialer.Testing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoDialer.Chaos;

/// <summary>
/// One PostgreSQL (owned by this process, so it can be restarted), two <c>serve</c> nodes and one <c>simulate</c>
/// process whose agents are split across both nodes. While the campaign dials, the faults of
/// <see cref="ChaosScript"/> strike; then dialing stops, calls and late events drain, and the database is judged
/// against the simulator's truth file.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class ChaosRun(ChaosOptions options, ILogger logger, TimeProvider time)
{
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstCallLimit = TimeSpan.FromSeconds(120);

    /// <summary>The nodes' make-call timeout (the product's default, not set for the run): how long after the dial gate's
    /// last check a make-call may still reach the call center, for the calling-window rule.</summary>
    /// <summary>How long after the gate's last check a make-call may still reach the call center: the nodes' make-call
    /// start limit (the default, 3 s) and the dial fence's grace (1 s).</summary>
    private static readonly TimeSpan MakeCallLateness = TimeSpan.FromSeconds(4);

    /// <summary>How long the freeze waits for a moment node B holds the dial fence, before it freezes it anyway.</summary>
    private static readonly TimeSpan FenceSearch = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Shares of events the pages send twice, out of order, late and poisoned. Only hang-ups can be late, one an answered or
    /// unanswered call: at 2 % the test command's 60-second run (~280 calls) had 0–2 late hang-ups, and a run in which a
    /// fault did not happen fails ("proves nothing about them"); at 6 % it has several.
    /// </summary>
    private const double DuplicateRate = 0.03, ReorderRate = 0.03, LateRate = 0.06, PoisonRate = 0.01;

    private const double DoNotCallShare = 0.05;

    /// <summary>
    /// The cluster runs with credentials configured, as production does: the operator's API calls and the pages' bridge
    /// tokens present this key (the simulator reads it from its environment, not its command line). Being on this machine
    /// earns nothing then, so the run would fail if any of them went without it.
    /// </summary>
    private readonly string _apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public async Task<ChaosReport> RunAsync(string work, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var databaseOptions = new EmbeddedPostgresOptions { Home = Path.Combine(work, "pg-home") };
        var database = await EmbeddedPostgres.StartAsync(databaseOptions, logger, cancellationToken);
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
            await new MigrationRunner().ApplyAsync(dataSource, cancellationToken);
            var agentIds = new SimulationOptions { Agents = options.Agents }.AgentIds();
            var campaignsCreatedAt = time.GetUtcNow();
            var campaignIds = await ChaosCampaign.CreateAsync(dataSource, work, options, agentIds, campaignsCreatedAt, cancellationToken);
            logger.LogInformation("Campaigns {Campaigns}: {Contacts} contacts each (the same numbers), {Agents} agents; work directory {Work}",
                string.Join(", ", campaignIds), options.Contacts, options.Agents, work);

            var environment = NodeEnvironment(database.ConnectionString, work);
            await using var nodeA = new ChaosNode("node-a", environment, work, _apiKey, options.ClockOffset);
            await using var nodeB = new ChaosNode("node-b", environment, work, _apiKey);
            await Task.WhenAll(nodeA.StartAsync(cancellationToken), nodeB.StartAsync(cancellationToken));

            var truthPath = Path.Combine(work, "truth.jsonl");
            await using var simulate = ServeProcess.Start(SimulateArguments(nodeA, nodeB, truthPath),
                new Dictionary<string, string> { [SimulateCommand.ApiKeyVariable] = _apiKey }, Path.Combine(work, "simulate.log"));
            var manager = new ChaosOperator(campaignIds, agentIds, time);
            var record = new DialerRecord(dataSource, campaignIds);
            int kills = 0, databaseKills = 0, socketsDropped = 0, freezes = 0, frozenHoldingFence = 0;
            var schedulingLock = new LeftSchedulingLock();
            // Moments a node's pages lost it (killed, frozen, sockets cut): long calls live then cross a reconnect.
            var reconnects = new List<DateTimeOffset>();
            var frozen = Task.CompletedTask;

            // The script's clock starts with the first call: a cold start (processes, JIT, pages connecting) on a loaded
            // machine is no fault of the cluster's, and every fault should land while calls are being placed.
            var started = await FirstCallAsync(truthPath, cancellationToken);
            using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var dueSamples = WatchDueAsync(record, stopWatching.Token);
            foreach (var (at, fault) in ChaosScript.Steps)
            {
                if (fault == ChaosFault.FreezeNodeB && !options.FreezeNode)
                {
                    continue;
                }

                await UntilAsync(started + options.Dialing * at, cancellationToken);
                logger.LogInformation("{Seconds:0.0} s: {Fault}", (time.GetUtcNow() - started).TotalSeconds, fault);
                switch (fault)
                {
                    case ChaosFault.KillNodeA:
                        reconnects.Add(time.GetUtcNow());
                        await nodeA.KillAndRestartAsync(cancellationToken);
                        kills++;
                        break;
                    case ChaosFault.KillNodeB:
                        await frozen;
                        reconnects.Add(time.GetUtcNow());
                        await nodeB.KillAndRestartAsync(cancellationToken);
                        kills++;
                        break;
                    case ChaosFault.FreezeNodeB:
                        // While it holds the dial fence (it nearly always does, a make-call waiting in the slow vendor).
                        var holding = await nodeB.FreezeHoldingFenceAsync(ct => DialFenceProbe.HeldByAsync(dataSource, nodeB.Name, ct),
                            FenceSearch, time, cancellationToken);
                        logger.LogInformation("Node B frozen {Holding}", holding ? "while it held the dial fence" : "(it did not hold the dial fence)");
                        reconnects.Add(time.GetUtcNow());
                        frozen = nodeB.ThawAfterAsync(options.Freeze, time, cancellationToken);
                        freezes++;
                        frozenHoldingFence += holding ? 1 : 0;
                        break;
                    case ChaosFault.LeaveSchedulingLock:
                        await schedulingLock.LeaveAsync(dataSource, cancellationToken);
                        if (schedulingLock.AdoptedAfterStanding is { } standing)
                        {
                            logger.LogInformation("The scheduling lock's row was left already (it stood {Seconds:0.0} s unchanged: a holder's release died with the database); watching that one", standing.TotalSeconds);
                        }
                        break;
                    case ChaosFault.DropSocketsOfNodeB:
                        reconnects.Add(time.GetUtcNow());
                        socketsDropped += nodeB.Cutter.DropAll();
                        break;
                    case ChaosFault.AddDoNotCall:
                        var numbers = await record.SampleNumbersAsync((int)Math.Ceiling(options.Contacts * DoNotCallShare), options.Seed, cancellationToken);
                        await manager.AddDoNotCallAsync(nodeA.Api, numbers, cancellationToken);
                        break;
                    case ChaosFault.CrashDatabase:
                        database = await CrashDatabaseAsync(database, databaseOptions, dataSource, cancellationToken);
                        databaseKills++;
                        break;
                    case ChaosFault.Pause:
                        // Through node A: node B may be frozen, and a pause must not wait for it.
                        await manager.PauseAsync(nodeA.Api, cancellationToken);
                        break;
                    case ChaosFault.Resume:
                        await manager.ResumeAsync(nodeA.Api, cancellationToken);
                        break;
                    case ChaosFault.LowerBudget:
                        // Through node B once it is awake again (on a loaded machine the schedule can slip into its freeze).
                        await manager.LowerBudgetAsync(frozen.IsCompleted ? nodeB.Api : nodeA.Api, cancellationToken);
                        break;
                    default:
                        throw new UnreachableException(fault.ToString());
                }
            }

            await UntilAsync(started + options.Dialing, cancellationToken);
            await frozen;
            // Dialing stops the way an operator stops it; the pause lasts to the end, so a dial after it is a violation too.
            await manager.PauseAsync(nodeA.Api, cancellationToken, all: true);
            var stoppedDialing = time.GetUtcNow();
            await stopWatching.CancelAsync();
            var watch = new ClusterWatch(started, stoppedDialing, options.Agents) { DueSamples = await dueSamples };
            logger.LogInformation("{Seconds:0.0} s: dialing stopped; draining calls and late events (at most {Limit:0} s)",
                (time.GetUtcNow() - started).TotalSeconds, options.DrainLimit.TotalSeconds);
            await DrainAsync(truthPath, record, manager, cancellationToken);
            // With the nodes still up: a short run may drain before the lock has expired (the watch ends by its bound).
            var resumed = await schedulingLock.Resumed;
            logger.LogInformation("Recurring jobs after the scheduling lock was left: {Resumed} (bound {Bound:0} s)",
                resumed is { } after ? $"resumed after {after.TotalSeconds:0.0} s" : "not resumed", LeftSchedulingLock.Bound.TotalSeconds);

            var stopped = await simulate.StopAsync(StopLimit);
            var pages = stopped ? simulate.LastOutputLine : null;
            await Task.WhenAll(nodeA.StopAsync(StopLimit), nodeB.StopAsync(StopLimit));

            var truth = await TruthFile.ReadAsync(truthPath, cancellationToken);
            var actions = manager.Actions();
            var verdict = ChaosJudge.Judge(truth, await record.AttemptsAsync(cancellationToken), actions, options.Grace,
                await record.ContactsAsync(cancellationToken), watch,
                campaignIds.Select((id, i) => (id, i)).ToDictionary(c => c.id, c => JudgedCampaign.Of(ChaosCampaign.SettingsOf(c.i, agentIds, campaignsCreatedAt), MakeCallLateness)));
            foreach (var example in verdict.Examples)
            {
                logger.LogWarning("Violation: {Example}", example);
            }

            var injected = PageFaultCounts(pages);
            var longCalls = LongCalls(truth);
            var faults = new ChaosFaultCounts(kills, databaseKills, manager.DoNotCallAdded, socketsDropped, manager.Pauses,
                manager.BudgetChanges, injected.Duplicated, injected.Reordered, injected.Late, injected.Poisoned)
            {
                Freezes = options.FreezeNode ? freezes : null,
                FrozenHoldingFence = options.FreezeNode ? frozenHoldingFence : null,
                PageReloads = options.PageReloadRate > 0 ? injected.Reloads : null,
                Campaigns = campaignIds.Count,
                ClockShiftedNodes = new[] { nodeA, nodeB }.Count(n => n.ClockOffset != TimeSpan.Zero),
                LongCalls = longCalls.Count,
                LongCallsAcrossReconnects = longCalls.Count(c => reconnects.Any(at => at > c.From && at < c.To)),
                ChangesInsideSlowMakeCalls = ChangesInsideSlowMakeCalls(truth, actions),
            };
            return new ChaosReport(verdict, faults, await record.QuarantinedAsync(cancellationToken), clock.Elapsed.TotalSeconds)
            {
                OperatorLongest = actions.Calls.Select(c => c.Took).DefaultIfEmpty().Max(),
                SchedulingLockLeft = schedulingLock.Left,
                RecurringJobsResumed = resumed,
            };
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await database.DisposeAsync();
        }
    }

    /// <summary>Until every call the call center placed has ended and every attempt is settled with its hang-up
    /// stored — or the limit; the judge then says what is missing.</summary>
    private async Task DrainAsync(string truthPath, DialerRecord record, ChaosOperator manager, CancellationToken cancellationToken)
    {
        var limit = time.GetUtcNow() + options.DrainLimit;
        while (time.GetUtcNow() < limit)
        {
            var truth = await TruthFile.ReadAsync(truthPath, cancellationToken);
            var verdict = ChaosJudge.Judge(truth, await record.AttemptsAsync(cancellationToken), manager.Actions(), options.Grace);
            var ended = truth.Ends.Select(e => e.BusinessId).ToHashSet();
            if (truth.Dials.Where(d => d.Placed).All(d => ended.Contains(d.BusinessId)) && verdict.Unsettled == 0 && verdict.EventsLost == 0)
            {
                return;
            }

            await Task.Delay(DrainPoll, time, cancellationToken);
        }

        logger.LogWarning("Not everything settled within {Limit:0} s of dialing's end", options.DrainLimit.TotalSeconds);
    }

    private async Task<DateTimeOffset> FirstCallAsync(string truthPath, CancellationToken cancellationToken)
    {
        var limit = time.GetUtcNow() + FirstCallLimit;
        while (time.GetUtcNow() < limit)
        {
            if (File.Exists(truthPath) && (await TruthFile.ReadAsync(truthPath, cancellationToken)).Dials.FirstOrDefault(d => d.Placed) is { } first)
            {
                return first.At;
            }

            await Task.Delay(DrainPoll, time, cancellationToken);
        }

        throw new InvalidOperationException($"no call was placed within {FirstCallLimit.TotalSeconds:0} s of the start; see the nodes' and simulate's logs");
    }

    /// <summary>Every ~second until cancelled: how many contacts were due (a sample the database cannot answer is skipped).</summary>
    private async Task<IReadOnlyList<(DateTimeOffset, long)>> WatchDueAsync(DialerRecord record, CancellationToken cancellationToken)
    {
        var samples = new List<(DateTimeOffset, long)>();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var at = time.GetUtcNow();
                samples.Add((at, await record.DueAsync(cancellationToken)));
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, CancellationToken.None);
            }
        }

        return samples;
    }

    /// <summary>Calls that talked longer than the nodes' StaleAfter, from their placing to their end.</summary>
    private List<(DateTimeOffset From, DateTimeOffset To)> LongCalls(TruthFile truth)
    {
        var placedAt = truth.Dials.Where(d => d.Placed).GroupBy(d => d.BusinessId).ToDictionary(g => g.Key, g => g.First().At);
        return truth.Ends.Where(e => e.TalkSeconds > options.StaleAfter.TotalSeconds && placedAt.ContainsKey(e.BusinessId))
            .Select(e => (placedAt[e.BusinessId], e.At)).ToList();
    }

    /// <summary>Pauses and do-not-call additions asked while a make-call waited in the slow vendor: one placed (the
    /// truth's time) after the request, having arrived (that time less the delay) before the API answered.</summary>
    private long ChangesInsideSlowMakeCalls(TruthFile truth, OperatorActions actions) =>
        actions.Calls.Where(c => c.Failure is null && (c.Action.StartsWith("pause", StringComparison.Ordinal) || c.Action.Contains("do-not-call", StringComparison.Ordinal)))
            .Count(c => truth.Dials.Any(d => d.Placed && d.At >= c.At && d.At - options.MakeCallDelay <= c.At + c.Took));

    private async Task<EmbeddedPostgres> CrashDatabaseAsync(EmbeddedPostgres database, EmbeddedPostgresOptions databaseOptions, NpgsqlDataSource dataSource,
        CancellationToken cancellationToken)
    {
        var port = database.Port;
        await DatabaseCrash.KillAsync(database.DataDirectory, cancellationToken);
        await database.DisposeAsync();
        dataSource.Clear();
        await Task.Delay(options.DatabaseOutage, time, cancellationToken);
        var restarted = await EmbeddedPostgres.StartAsync(databaseOptions, logger, cancellationToken);
        if (restarted.Port != port)
        {
            throw new InvalidOperationException($"PostgreSQL came back on port {restarted.Port}, not {port}: the nodes cannot find it");
        }

        return restarted;
    }

    private Task UntilAsync(DateTimeOffset moment, CancellationToken cancellationToken)
    {
        var wait = moment - time.GetUtcNow();
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellationToken) : Task.CompletedTask;
    }

    private Dictionary<string, string> NodeEnvironment(string connectionString, string work) => new()
    {
        ["AUTODIALER_DB"] = connectionString,
        ["AUTODIALER_HOME"] = Path.Combine(work, "home"),
        ["DOTNET_SHUTDOWNTIMEOUTSECONDS"] = "15",
        ["AutoDialer__Bridge__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["AutoDialer__Auth__ApiKeys__0"] = _apiKey,
        ["AutoDialer__Udesk__AccountId"] = ChaosCampaign.Account,
        ["AutoDialer__Udesk__AppId"] = "chaos",
        ["AutoDialer__Udesk__AppSecret"] = "chaos",
        ["AutoDialer__Udesk__Domain"] = "wss://udesk.invalid/ws",
        ["AutoDialer__Udesk__HttpDomain"] = "https://udesk.invalid/backend",
        ["AutoDialer__Dialing__StaleAfter"] = options.StaleAfter.ToString("c", CultureInfo.InvariantCulture),
        ["AutoDialer__Dialing__StaleMaxAge"] = options.StaleMaxAge.ToString("c", CultureInfo.InvariantCulture),
        ["AutoDialer__Dialing__StaleSweepInterval"] = options.StaleSweepInterval.ToString("c", CultureInfo.InvariantCulture),
        ["AutoDialer__Dialing__AgentSweepInterval"] = "00:00:02",
        ["AutoDialer__Bridge__HeartbeatTimeout"] = options.HeartbeatTimeout.ToString("c", CultureInfo.InvariantCulture),
        ["AutoDialer__Bridge__HeartbeatInterval"] = (options.HeartbeatTimeout / 3).ToString("c", CultureInfo.InvariantCulture),
    };

    private IEnumerable<string> SimulateArguments(ChaosNode a, ChaosNode b, string truthPath) =>
    [
        "simulate", "--dialer", $"{a.Cutter.Url},{b.Cutter.Url}", "--agents", Invariant(options.Agents), "--account", ChaosCampaign.Account,
        "--seed", Invariant(options.Seed), "--truth", truthPath, "--ring", "1-4", "--talk", $"1-{Invariant(options.TalkSeconds)}", "--wrap", "0-1",
        "--make-call-delay", Invariant(options.MakeCallDelay.TotalSeconds),
        "--fault-duplicate", Invariant(DuplicateRate), "--fault-reorder", Invariant(ReorderRate), "--fault-late", Invariant(LateRate),
        "--fault-late-seconds", Invariant(options.LateDelay.TotalSeconds), "--fault-poison", Invariant(PoisonRate),
        "--fault-reload", Invariant(options.PageReloadRate),
        // Callbacks asked for seconds ahead, so that they come due (to their owners, and after the grace to others) in the run.
        "--callback-after", CallbackAfter, "--json",
    ];

    /// <summary>How far ahead the simulated agents ask for a callback, in seconds: within the dialing phase.</summary>
    private const string CallbackAfter = "5-40";

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>The faults the pages injected, from <c>simulate --json</c>'s summary (zeros when it did not print one).</summary>
    private static (long Duplicated, long Reordered, long Late, long Poisoned, long Reloads) PageFaultCounts(string? summaryLine)
    {
        if (summaryLine is null || !summaryLine.StartsWith('{'))
        {
            return default;
        }

        var summary = JsonDocument.Parse(summaryLine).RootElement;
        return (summary.GetProperty("duplicated").GetInt64(), summary.GetProperty("reordered").GetInt64(),
            summary.GetProperty("late").GetInt64(), summary.GetProperty("poisoned").GetInt64(), summary.GetProperty("reloads").GetInt64());
    }
}
