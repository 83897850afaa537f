using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using AutoDialer.Cli;
using AutoDialer.Dialing;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.InProcess;
using AutoDialer.Simulation.Pages;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.Bench.Commands;

/// <summary>
/// <c>bench dispatch</c>: N simulated agents (zero vendor latency) on one running campaign of M contacts, dispatched
/// the way production does it — the engine's workers fed by idle events from the reconciler. Calls are short, so
/// agents cycle continuously and offer about as many idle agents per second as there are agents: that is the load
/// the targets speak of. The targets are for sustained dialing, so the window is the steady state: a warm-up of
/// <c>--warmup</c> calls comes first (the first wave, where every agent is idle at once and which is a queue by construction,
/// and the runtime's background recompilation of hot code, which took a quarter of this 2-core machine for the first
/// ~20 s of a run, measured with <c>perf</c>), then goes on until the JIT is quiet (<see cref="JitActivity"/>; at most
/// another <c>--warmup</c> calls), and the window then runs over the next <c>--contacts</c> calls.
/// <c>--transport inprocess</c> (default) has the engine call the in-process simulator and measures in the engine;
/// <c>--transport bridge</c> is the production path: the engine and the agent bridge in a loopback Kestrel host, each
/// agent a simulated workbench page on its own WebSocket (<see cref="BridgeDispatchTarget"/>), latency measured at the page.
/// </summary>
internal static class BenchDispatchCommand
{
    private const string InProcess = "inprocess";
    private const string Bridge = "bridge";

    public static Command Create()
    {
        var agents = new Option<int>("--agents") { Description = "Simulated agents", DefaultValueFactory = _ => 1000 };
        var contacts = new Option<int>("--contacts") { Description = "Contacts in the campaign", DefaultValueFactory = _ => 20_000 };
        var callMs = new Option<int>("--call-ms") { Description = "Mean simulated call length (ms, wall clock)", DefaultValueFactory = _ => 800 };
        var warmup = new Option<int?>("--warmup") { Description = "Calls placed before the measured window (default: 20 per agent)" };
        var concurrency = new Option<int>("--concurrency") { Description = "Dispatch workers (DialingOptions.DispatchConcurrency)", DefaultValueFactory = _ => new DialingOptions().DispatchConcurrency };
        var transport = new Option<string>("--transport") { Description = "inprocess: the engine calls the simulator directly; bridge: each agent is a workbench page on a real loopback WebSocket (the production path)", DefaultValueFactory = _ => InProcess };
        transport.AcceptOnlyFromAmong(InProcess, Bridge);
        var stages = new Option<bool>("--stages") { Description = "Also time the engine's traced steps (event batches, settlement, lease, check-and-place, make-call): where idle → make-call goes; costs CPU of its own" };
        var command = new Command("dispatch", "Dial decisions/s and idle → make-call latency with simulated agents") { agents, contacts, warmup, callMs, concurrency, transport, stages, CliOptions.Json };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var agentCount = parse.GetValue(agents);
            var contactCount = parse.GetValue(contacts);
            var warmupCalls = parse.GetValue(warmup) ?? 20 * agentCount;
            // A warm-up's worth more than the warm-up and the window need, for the wait for the JIT.
            var campaignSize = 2 * warmupCalls + contactCount;
            var mean = TimeSpan.FromMilliseconds(parse.GetValue(callMs));
            if (agentCount < 1 || contactCount <= agentCount) throw new ArgumentException("--agents must be at least 1 and --contacts more than --agents");
            if (warmupCalls < agentCount) throw new ArgumentException("--warmup must be at least --agents (the first wave is part of it)");
            var json = parse.GetValue(CliOptions.Json);
            using var loggers = CliLogging.Create(parse.GetValue(CliOptions.Verbose));
            await using var server = await CliDatabase.OpenAsync(loggers, cancellationToken, migrate: false, serverSettings: PostgresStatements.ServerSettings);
            await using var database = await BenchDatabase.CreateAsync(server.ConnectionString, "dispatch", cancellationToken);

            // Every customer answers: one attempt per contact, so the campaign is dialled exactly once through.
            var customers = new CustomerBehaviour
            {
                AnswerProbability = 1,
                BusyProbability = 0,
                RejectProbability = 0,
                FailureProbability = 0,
                PostDialDelay = DurationDistribution.Uniform(mean * 0.05, mean * 0.15),
                RingTime = DurationDistribution.Uniform(mean * 0.1, mean * 0.5),
                TalkTime = DurationDistribution.Uniform(mean * 0.2, mean),
            };
            var simulator = new SimulatorOptions
            {
                AccountId = "simulator",
                AgentCount = agentCount,
                Customers = customers,
                WrapUpTime = DurationDistribution.Zero,
                NumberRule = _ => null,
            };
            var pages = new SimulationOptions
            {
                DialerUrls = [new Uri("http://127.0.0.1/")], // the bench host's address, once it listens
                Agents = agentCount,
                Customers = customers,
                WrapUp = DurationDistribution.Zero,
                NumberRule = _ => null,
            };
            var bridge = parse.GetValue(transport) == Bridge;
            var (campaignId, listId) = await BenchCampaign.CreateAsync(database.DataSource, "dispatch", bridge
                ? BenchCampaign.Settings(pages.AgentIds(), BridgeDispatchTarget.Account)
                : BenchCampaign.Settings(simulator.ResolveAgentIds(), simulator.AccountId), cancellationToken);
            await using (var connection = await database.DataSource.OpenConnectionAsync(cancellationToken))
            {
                await connection.ExecuteAsync(new CommandDefinition($"""
                    insert into contacts (campaign_id, list_id, line_no, phone, name, next_due_at)
                    select @campaignId, @listId, g, {BenchCampaign.PhoneSql}, '客户' || g, now() - interval '1 hour'
                    from generate_series(1, @count) g;
                    analyze contacts;
                    """, new { campaignId, listId, count = campaignSize }, commandTimeout: 0, cancellationToken: cancellationToken));
            }

            var dialing = new DialingOptions
            {
                Node = "bench",
                DispatchConcurrency = parse.GetValue(concurrency),
                AgentSweepInterval = TimeSpan.FromMinutes(10),
                StaleSweepInterval = TimeSpan.FromMinutes(10),
            };
            await using IDispatchTarget latency = bridge
                ? new BridgeDispatchTarget(database.DataSource, pages, dialing, loggers)
                : new InProcessDispatchTarget(database.DataSource, simulator, dialing, loggers);

            using var stageDurations = parse.GetValue(stages) ? new StageDurations() : null;
            var wall = Stopwatch.StartNew();
            await latency.StartAsync(cancellationToken);
            var firstWave = await WaitForAsync(() => latency.Count >= agentCount, TimeSpan.FromMinutes(2), cancellationToken);
            var firstWaveSeconds = wall.Elapsed.TotalSeconds;
            var firstWaveP99 = latency.Percentile(0.99);
            var warmedUp = firstWave && await WaitForAsync(() => latency.Count >= warmupCalls, TimeSpan.FromMinutes(10), cancellationToken);
            // Then on until the runtime has stopped recompiling (at most one more warm-up's worth of calls).
            var jitQuiet = warmedUp && await JitActivity.QuietAsync(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(20),
                () => latency.Count >= 2 * warmupCalls, cancellationToken);
            var warmupSeconds = wall.Elapsed.TotalSeconds;
            var warmupP99 = latency.Percentile(0.99);
            var warmupDialled = latency.Reset();
            stageDurations?.Reset();
            var window = Stopwatch.StartNew();
            var cpuAtStart = CpuTime.Now();
            var jitAtStart = JitActivity.CompilationTime;
            var gcAtStart = GcActivity.Now;
            var postgresAtStart = await PostgresCpu.ReadAsync(database.DataSource, cancellationToken);
            var statementsAtStart = await PostgresStatements.ReadAsync(database.DataSource, cancellationToken);
            var walAtStart = await PostgresStatements.ReadWalBytesAsync(database.DataSource, cancellationToken);
            var attemptUpdatesAtStart = await TableUpdates.ReadAsync(database.DataSource, "attempts", cancellationToken);
            // The window ends once --contacts calls have been placed in it, or the campaign is dialled through (the wait
            // for the JIT may have taken a few calls more than its share).
            var finished = warmedUp && await WaitForAsync(() => latency.Count >= contactCount || warmupDialled + latency.Count >= campaignSize,
                TimeSpan.FromMinutes(10), cancellationToken);
            var seconds = window.Elapsed.TotalSeconds;
            var cpu = CpuTime.Now() - cpuAtStart;
            var stepDurations = stageDurations?.Summary();
            var jitMilliseconds = (JitActivity.CompilationTime - jitAtStart).TotalMilliseconds;
            var gc = GcActivity.Now.Since(gcAtStart);
            var postgres = (await PostgresCpu.ReadAsync(database.DataSource, cancellationToken)).Since(postgresAtStart);
            var statements = await PostgresStatements.ReadAsync(database.DataSource, cancellationToken) - statementsAtStart;
            var wal = await PostgresStatements.ReadWalBytesAsync(database.DataSource, cancellationToken) - walAtStart;
            var attemptUpdates = (await TableUpdates.ReadAsync(database.DataSource, "attempts", cancellationToken)).Since(attemptUpdatesAtStart);
            var calls = latency.Count;
            var (processMsPerCall, machineMsPerCall) = cpu.MillisecondsPer(calls);
            var postgresMsPerCall = calls == 0 ? 0 : postgres.TotalMilliseconds / calls;
            var statementsPerCall = statements is { } counted && calls > 0 ? (double?)counted / calls : null;
            var walBytesPerCall = wal is { } written && calls > 0 ? (double?)written / calls : null;
            var decisions = latency.Decisions;
            var p50 = latency.Percentile(0.50);
            var p99 = latency.Percentile(0.99);
            var duplicates = latency.DuplicateDials;
            await latency.StopAsync();

            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    work = "dispatch",
                    transport = bridge ? Bridge : InProcess,
                    latency_measured = latency.MeasuredAt,
                    agents = agentCount,
                    contacts = contactCount,
                    decisions,
                    calls,
                    seconds = Math.Round(seconds, 3),
                    decisions_per_s = Math.Round(decisions / seconds),
                    calls_per_s = Math.Round(calls / seconds),
                    idle_to_call_p50_ms = Math.Round(p50, 2),
                    idle_to_call_p99_ms = Math.Round(p99, 2),
                    first_wave_seconds = Math.Round(firstWaveSeconds, 3),
                    first_wave_p99_ms = Math.Round(firstWaveP99, 2),
                    warmup_calls = warmupDialled,
                    warmup_seconds = Math.Round(warmupSeconds, 3),
                    warmup_p99_ms = Math.Round(warmupP99, 2),
                    warmup_jit_quiet = jitQuiet,
                    jit_ms_in_window = Math.Round(jitMilliseconds),
                    gc_pause_ms_in_window = Math.Round(gc.Paused.TotalMilliseconds),
                    gc_collections_in_window = new { gen0 = gc.Gen0, gen1 = gc.Gen1, gen2 = gc.Gen2 },
                    duplicate_dials = duplicates,
                    cpu_ms_per_call_process = Math.Round(processMsPerCall, 3),
                    cpu_ms_per_call_postgres = Math.Round(postgresMsPerCall, 3),
                    cpu_ms_per_call_machine = Math.Round(machineMsPerCall, 3),
                    cores_busy = Math.Round(cpu.CoresBusy, 2),
                    idle_share = Math.Round(cpu.IdleShare, 3),
                    statements_per_call = statementsPerCall is { } perCall ? Math.Round(perCall, 2) : (double?)null,
                    wal_bytes_per_call = walBytesPerCall is { } walPerCall ? Math.Round(walPerCall) : (double?)null,
                    attempt_updates_per_call = calls == 0 ? 0 : Math.Round((double)attemptUpdates.Updates / calls, 2),
                    attempt_updates_hot_share = Math.Round(attemptUpdates.HotShare, 3),
                    cores = Environment.ProcessorCount,
                    stages = stepDurations?.ToDictionary(d => d.Name, d => new
                    {
                        count = d.Count, mean_ms = Math.Round(d.MeanMs, 2), p50_ms = Math.Round(d.P50Ms, 2), p99_ms = Math.Round(d.P99Ms, 2),
                    }),
                    finished,
                }));
            }
            else
            {
                Console.WriteLine($"first wave:  {agentCount:N0} agents dialled in {firstWaveSeconds:N2} s (p99 {firstWaveP99:N1} ms: all idle at once)");
                Console.WriteLine($"warm-up:     {warmupDialled:N0} calls in {warmupSeconds:N2} s (p99 {warmupP99:N1} ms with the first wave), not measured; " +
                                  (jitQuiet ? "then the JIT was quiet" : "the JIT was still compiling when it ended"));
                Console.WriteLine($"sustained:   {decisions:N0} decisions ({calls:N0} calls) in {seconds:N2} s = {decisions / seconds:N0} decisions/s (target ≥ 1,000)");
                Console.WriteLine($"idle → call: p50 {p50:N2} ms, p99 {p99:N2} ms {latency.MeasuredAt} (target p99 ≤ 50 ms)");
                Console.WriteLine($"jit:         {jitMilliseconds:N0} ms compiling in the window");
                Console.WriteLine($"gc:          {gc.Paused.TotalMilliseconds:N0} ms paused in the window ({gc.Gen0:N0} gen0, {gc.Gen1:N0} gen1, {gc.Gen2:N0} gen2 collections)");
                Console.WriteLine($"cpu:         {machineMsPerCall:N2} ms a call on the machine ({processMsPerCall:N2} ms in this process, {postgresMsPerCall:N2} ms in PostgreSQL); " +
                                  $"{cpu.CoresBusy:N2} of {Environment.ProcessorCount} cores busy: at most ~{Environment.ProcessorCount * 1000 / Math.Max(machineMsPerCall, 0.001):N0} calls/s on these cores");
                Console.WriteLine(statementsPerCall is { } perCall
                    ? $"statements:  {perCall:N2} a call in PostgreSQL ({statements:N0} in the window); machine idle {cpu.IdleShare:P1} of the window"
                    : $"statements:  not counted ({PostgresStatements.Unavailable}); machine idle {cpu.IdleShare:P1} of the window");
                Console.WriteLine($"writes:      {(walBytesPerCall is { } walPerCall ? $"{walPerCall:N0} bytes of WAL a call; " : "")}" +
                                  $"{(calls == 0 ? 0 : (double)attemptUpdates.Updates / calls):N2} attempt updates a call, {attemptUpdates.HotShare:P0} of them HOT (no index entries)");
                foreach (var step in stepDurations ?? [])
                    Console.WriteLine($"step:        {step.Name,-40} {step.Count,7:N0} × mean {step.MeanMs,7:N2} ms, p50 {step.P50Ms,7:N2} ms, p99 {step.P99Ms,7:N2} ms");
                Console.WriteLine($"dialled twice: {duplicates}{(finished ? "" : "  — did NOT place --contacts calls in time")}");
            }
            return finished && duplicates == 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit) return false;
            await Task.Delay(10, cancellationToken);
        }
        return true;
    }
}
