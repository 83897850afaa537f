using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using AutoDialer.AspNetCore;
using AutoDialer.Cli;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.StoredWords;
using AutoDialer.Dialing;
using AutoDialer.Host.Demo;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Import;
using AutoDialer.Simulation;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.InProcess;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace AutoDialer.Host.Commands;

internal static class DemoCommand
{
    private static readonly TimeSpan WrapUp = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The simulated agents work their side of the calls: they are shown the contact's card, record dispositions and ask
    /// for callbacks (each callback may take one attempt beyond the budget: callbacks.extra_attempts). Except "do not
    /// call": that list is the whole installation's, and every demo dials the same generated numbers, so each run would
    /// leave the next fewer to dial. Nor do they try to dispose of each other's calls: the product refuses and logs each
    /// such try, which the chaos run and the tests prove; in the main job's output it would only be noise.
    /// </summary>
    private static readonly AgentHabits Habits = new()
    {
        AnsweredEffects = new AgentHabits().AnsweredEffects.Where(e => e.Effect != DispositionEffect.DoNotCall).ToList(),
        ForeignTries = 0,
    };

    public static Command Create()
    {
        var agents = new Option<int>("--agents") { Description = "Simulated agents", DefaultValueFactory = _ => 20 };
        var contacts = new Option<int>("--contacts") { Description = "Contacts in the generated list", DefaultValueFactory = _ => 2000 };
        var speed = new Option<double>("--speed") { Description = "How many times faster than real time the simulated call center runs", DefaultValueFactory = _ => 600 };
        var seed = new Option<int>("--seed") { Description = "Seed of the list and of the simulated customers", DefaultValueFactory = _ => 42 };
        var campaignName = new Option<string?>("--campaign") { Description = "Dial this campaign: resume it if it exists (e.g. after a crash), else create it with this name" };
        var witness = new Option<string?>("--witness") { Description = "Append the business id of every make-call to this file (checks across processes)" };
        var urls = new Option<string>("--urls") { Description = "Where the dashboard is served while the demo runs", DefaultValueFactory = _ => "http://127.0.0.1:0" };
        var command = new Command("demo", "Dial a generated campaign to the end on the simulated call center, in accelerated time")
        {
            agents, contacts, speed, seed, urls, campaignName, witness, CliOptions.Json,
        };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var agentCount = parse.GetValue(agents);
            var contactCount = parse.GetValue(contacts);
            var factor = parse.GetValue(speed);
            if (agentCount < 1 || contactCount < 1 || factor <= 0)
                throw new ArgumentException("--agents and --contacts must be at least 1 and --speed above 0");
            var json = parse.GetValue(CliOptions.Json);
            var verbose = parse.GetValue(CliOptions.Verbose);
            using var loggers = CliLogging.Create(verbose);
            await using var database = await CliDatabase.OpenAsync(loggers, cancellationToken, hostDrainsFirst: true);
            var wall = Stopwatch.StartNew();

            var directory = Directory.CreateTempSubdirectory("autodialer-demo-");
            try
            {
                var list = Path.Combine(directory.FullName, "demo-contacts.csv");
                new SampleListGenerator(parse.GetValue(seed)).Write(list, contactCount);

                var store = new CampaignStore(database.DataSource);
                var existing = parse.GetValue(campaignName) is { } name ? await store.FindByNameAsync(name, cancellationToken) : null;
                // Each demo campaign has a simulated call center of its own: campaigns left running by an earlier
                // demo (interrupted, or killed) in the same home must not share its agents. A resumed campaign keeps its account.
                var simulator = new SimulatorOptions
                {
                    AccountId = existing?.Settings.ProviderAccount ?? $"simulator-{DateTime.UtcNow:yyyyMMddHHmmssfff}",
                    AgentCount = agentCount,
                    Seed = parse.GetValue(seed),
                    WrapUpTime = DurationDistribution.Fixed(WrapUp),
                    Habits = Habits,
                    // Each make-call's business id on file before the call is placed: checked across processes, even one killed.
                    OnMakeCall = parse.GetValue(witness) is { } witnessPath ? new MakeCallWitness(witnessPath).Record : null,
                };
                if (existing?.State == CampaignState.Paused)
                    existing = await store.TransitionAsync(existing.Id, CampaignCommand.Resume, cancellationToken: cancellationToken);
                var (campaign, import) = existing is not null
                    ? (existing, new ImportResult(existing.Id, 0, 0, 0, 0, 0, 0, "", ",", AlreadyImported: true))
                    : await DemoCampaign.CreateAsync(new CampaignStore(database.DataSource),
                        new ContactListImporter(database.DataSource), list, simulator.ResolveAgentIds(), simulator.AccountId, cancellationToken,
                        parse.GetValue(campaignName));

                var time = new AcceleratedTimeProvider(factor);
                var simStart = time.GetUtcNow();
                var builder = WebApplication.CreateBuilder();
                builder.Logging.ClearProviders();
                builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
                if (!verbose)
                {
                    // The demo is one process on an accelerated clock, not a deployment: readiness checks run many times a
                    // simulated second while its job server registers, and its key ring lives in its own database.
                    builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
                        .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
                }

                builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
                builder.WebHost.UseUrls(parse.GetValue(urls)!);
                builder.Configuration[$"{AutoDialerOptions.Section}:ConnectionString"] = database.ConnectionString;
                builder.Services.AddAutoDialer(builder.Configuration,
                    configureDialing: d =>
                    {
                        // On the demo's clock (AddAutoDialerAcceleratedClock): the agent sweep once a wall-clock second, the
                        // stale sweep (a job its simulated schedule enqueues) every 2 s.
                        d.AgentSweepInterval = TimeSpan.FromSeconds(1) * factor;
                        d.StaleSweepInterval = TimeSpan.FromSeconds(2) * factor;
                        d.MakeCallTimeout = TimeSpan.FromSeconds(2) * factor;
                        d.ReadTimeout = TimeSpan.FromSeconds(2) * factor;
                        // Unless configured (AutoDialer:Dialing:StaleAfter), e.g. short to settle a crashed run's attempts quickly.
                        if (builder.Configuration[$"{AutoDialer.Dialing.DialingOptions.Section}:StaleAfter"] is null)
                            d.StaleAfter = TimeSpan.FromMinutes(40);
                    });
                builder.Services.AddAutoDialerServer();
                builder.Services.AddAutoDialerAcceleratedClock(time);
                // The demo's own simulated account (opt-in, as everywhere): named per campaign, above.
                builder.Services.AddAutoDialerSimulator(simulator);
                await using var app = builder.Build();
                app.MapAutoDialer();
                if (verbose)
                    Console.Error.WriteLine($"demo: dialer clock {app.Services.GetRequiredService<TimeProvider>().GetType().Name}, simulator clock {app.Services.GetRequiredService<SimulatedCallCenter>().GetType().Name}");
                await app.StartAsync(cancellationToken);
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
                if (!json) Console.WriteLine($"campaign '{campaign.Name}': {import.Accepted} contacts ({import.Rejected} rows rejected, {import.Duplicates} duplicates), {agentCount} simulated agents, {factor}× speed; dashboard {address}");

                var progressQuery = new DialingProgressQuery(database.DataSource);
                DialingProgress progress;
                try
                {
                    progress = await WatchAsync(progressQuery, campaign.Id, json, cancellationToken);
                }
                finally
                {
                    // Also on Ctrl+C: stop the host (jobs, engine) before the embedded database goes away.
                    using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                    await app.StopAsync(stopping.Token);
                    // An interrupted demo leaves its campaign paused, not running: `demo --campaign <name>` resumes it.
                    if (cancellationToken.IsCancellationRequested)
                        await PauseQuietlyAsync(store, campaign.Id);
                }
                var simSeconds = (time.GetUtcNow() - simStart).TotalSeconds;
                if (progress.Finished)
                    await new CampaignStore(database.DataSource).TransitionAsync(campaign.Id, CampaignCommand.Complete, cancellationToken: CancellationToken.None);

                var sim = app.Services.GetRequiredService<SimulatedCallCenter>();
                await using var connection = await database.DataSource.OpenConnectionAsync(CancellationToken.None);
                var stats = await connection.QuerySingleAsync<(int max_attempts, long talk_seconds)>("""
                    select (select coalesce(max(attempts), 0) from contacts where campaign_id = @id),
                           (select coalesce(sum(talk_seconds), 0) from attempts where campaign_id = @id)::bigint
                    """, new { id = campaign.Id });
                var busySeconds = stats.talk_seconds + sim.Counters.CallsPlaced * WrapUp.TotalSeconds;
                var agentSide = await DemoAgentSide.ReadAsync(connection, campaign.Id, sim.AgentSide.RecordedFor.Keys.ToList());
                var summary = new DemoSummary(
                    campaign.Name, progress.Contacts, import.Rejected, progress.Attempts, progress.Outcomes, progress.Final, progress.Open,
                    campaign.Settings.Retry.MaxAttempts, stats.max_attempts, sim.DuplicateDials, agentCount,
                    Math.Round(busySeconds / Math.Max(1, agentCount * simSeconds), 3), factor,
                    Math.Round(wall.Elapsed.TotalSeconds, 2), Math.Round(simSeconds, 1), progress.Finished,
                    sim.AgentSide.ScreenPops, sim.AgentSide.Dispositions, agentSide.Stored, agentSide.NotStored, agentSide.NotAudited,
                    sim.AgentSide.DispositionsRefused, new DemoCallbacks(sim.AgentSide.CallbacksRequested, agentSide.CallbacksDialled));
                Print(summary, json);
                return progress.Finished && summary.DuplicateDials == 0 && summary.DispositionsKept ? 0 : 1;
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        });
        return command;
    }

    private static async Task PauseQuietlyAsync(CampaignStore store, long campaignId)
    {
        try
        {
            await store.TransitionAsync(campaignId, CampaignCommand.Pause, cancellationToken: CancellationToken.None);
        }
        catch (InvalidCampaignTransitionException)
        {
            // Already completed, paused or cancelled: nothing to do.
        }
    }

    /// <summary>Follows the campaign's counters until every contact is final and no attempt is live.</summary>
    private static async Task<DialingProgress> WatchAsync(DialingProgressQuery query, long campaignId, bool json, CancellationToken cancellationToken)
    {
        var limit = Stopwatch.StartNew();
        var lastLine = Stopwatch.StartNew();
        var interactive = !json && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        DialingProgress progress = await query.ReadAsync(campaignId, cancellationToken);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        if (interactive)
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("dialling", maxValue: Math.Max(1, progress.Contacts));
                    while (!progress.Finished && limit.Elapsed < TimeSpan.FromMinutes(15) && await tick.WaitForNextTickAsync(cancellationToken))
                    {
                        progress = await query.ReadAsync(campaignId, cancellationToken);
                        task.Value = progress.Final;
                        task.Description = $"dialling — {progress.Final}/{progress.Contacts} final, {progress.Attempts} calls, {progress.LiveAttempts} live";
                    }
                    task.Value = progress.Final;
                });
            return progress;
        }
        while (!progress.Finished && limit.Elapsed < TimeSpan.FromMinutes(15) && await tick.WaitForNextTickAsync(cancellationToken))
        {
            progress = await query.ReadAsync(campaignId, cancellationToken);
            if (lastLine.Elapsed >= TimeSpan.FromSeconds(2))
            {
                Console.Error.WriteLine($"demo: {progress.Final}/{progress.Contacts} contacts final, {progress.Attempts} calls, {progress.LiveAttempts} live");
                lastLine.Restart();
            }
        }
        return progress;
    }

    private static void Print(DemoSummary summary, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(summary));
            return;
        }
        Console.WriteLine(summary.Finished ? "campaign finished" : "campaign did NOT finish within 15 minutes");
        Console.WriteLine($"  contacts      {summary.Contacts} ({summary.ContactsFinal} final, {summary.ContactsPending} pending)");
        Console.WriteLine($"  calls         {summary.Attempts} (at most {summary.MaxAttemptsPerContact} per contact, budget {summary.AttemptBudget} and one more for a callback)");
        foreach (var (outcome, count) in summary.Outcomes.OrderByDescending(o => o.Value))
            Console.WriteLine($"    {outcome,-12}{count}");
        Console.WriteLine($"  dialled twice {summary.DuplicateDials}");
        Console.WriteLine($"  screen pops   {summary.ScreenPops} (contact cards the simulated agents were shown)");
        Console.WriteLine($"  dispositions  {summary.Dispositions.Values.Sum()} recorded by the simulated agents, {summary.DispositionsStored.Values.Sum()} stored" +
            $" ({summary.DispositionsNotStored} not stored, {summary.DispositionsNotAudited} not audited), {summary.DispositionsRefused} refused");
        foreach (var code in summary.Dispositions.Keys.Union(summary.DispositionsStored.Keys).Order(StringComparer.Ordinal))
            Console.WriteLine($"    {code,-16}{summary.Dispositions.GetValueOrDefault(code)} recorded, {summary.DispositionsStored.GetValueOrDefault(code)} stored");
        Console.WriteLine($"  callbacks     {summary.Callbacks.Scheduled} asked for, {summary.Callbacks.Dialled} dialled");
        if (!summary.DispositionsKept)
            Console.WriteLine("  FAILED: dispositions the simulated agents were told were recorded are missing from the database");
        Console.WriteLine($"  agents        {summary.Agents}, utilisation {summary.AgentUtilization:P1}");
        Console.WriteLine($"  time          {summary.WallSeconds:N1} s wall = {summary.SimSeconds / 3600:N2} h simulated ({summary.Speed}×)");
    }
}
