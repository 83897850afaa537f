using System.CommandLine;
using System.Text.Json;
using AutoDialer.Cli;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.Pages;
using AutoDialer.Telephony.Bridge;

namespace AutoDialer.Simulation.Commands;

/// <summary>
/// <c>simulate</c>: a call center and its agents' workbench pages as a process of its own. Each agent's page connects
/// to the dialer over the agent bridge exactly as <c>autodialer-bridge.js</c> does; calls live here, so they keep
/// ringing, talking and ending while a dialer node is down, and their events wait in the page's outbox.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>The environment variable <c>--api-key</c> defaults to.</summary>
    public const string ApiKeyVariable = "AUTODIALER_API_KEY";

    /// <summary>How often a progress line goes to standard error.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    /// <summary>The <c>--json</c> summary's names.</summary>
    private static readonly JsonSerializerOptions SnakeCaseJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var dialers = new Option<string[]>("--dialer") { Description = "A dialer node's base URL (repeat, or separate with commas, for several nodes)", Required = true, AllowMultipleArgumentsPerToken = true };
        var agents = new Option<int>("--agents") { Description = "Simulated agents", DefaultValueFactory = _ => 10 };
        var vendor = new Option<string>("--vendor") { Description = "udesk or meiqia: the SDK the pages speak", DefaultValueFactory = _ => BridgeProviders.Udesk };
        var account = new Option<string?>("--account") { Description = "The dialer's bridge account (providerAccount) the agents belong to" };
        var prefix = new Option<string>("--agent-prefix") { Description = "Agent ids are this prefix and a number (agent-001, …)", DefaultValueFactory = _ => "agent-" };
        // No default value: help would print it. The variable is read below, when the option is absent.
        var apiKey = new Option<string?>("--api-key")
        {
            Description = $"X-Api-Key for bridge tokens, needed whenever the dialer has AutoDialer:Auth configured (else ${ApiKeyVariable}, which keeps the key out of the process list)",
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the customers and the faults", DefaultValueFactory = _ => 1 };
        var truth = new Option<string?>("--truth") { Description = "Write the call center's record (every make-call and every call's end) to this file, as JSON lines" };
        var ring = new Option<string?>("--ring") { Description = "Ring time in seconds, A-B; unanswered calls ring B s (default: 3-25, unanswered 45 s)" };
        var talk = new Option<string?>("--talk") { Description = "Talk time in seconds, A-B (default: log-normal around 60 s)" };
        var wrap = new Option<string?>("--wrap") { Description = "Wrap-up after each call in seconds, A-B (default: 0-2)" };
        var answer = new Option<double>("--answer") { Description = "Probability that a customer answers", DefaultValueFactory = _ => new CustomerBehaviour().AnswerProbability };
        var busy = new Option<double>("--busy") { Description = "Probability that the line is busy", DefaultValueFactory = _ => new CustomerBehaviour().BusyProbability };
        var reject = new Option<double>("--reject") { Description = "Probability that the customer declines", DefaultValueFactory = _ => new CustomerBehaviour().RejectProbability };
        var fail = new Option<double>("--fail") { Description = "Probability that the network fails the call", DefaultValueFactory = _ => new CustomerBehaviour().FailureProbability };
        var duplicate = new Option<double>("--fault-duplicate") { Description = "Share of events sent twice" };
        var reorder = new Option<double>("--fault-reorder") { Description = "Share of events sent after the agent's next event" };
        var late = new Option<double>("--fault-late") { Description = "Share of hang-ups sent --fault-late-seconds late" };
        var lateSeconds = new Option<double>("--fault-late-seconds") { Description = "How late a late hang-up is sent", DefaultValueFactory = _ => PageFaults.None.LateDelay.TotalSeconds };
        var poison = new Option<double>("--fault-poison") { Description = "Share of events followed by a copy with a \\u0000 in a string" };
        var dropSocket = new Option<double>("--fault-drop-socket") { Description = "Share of sent events after which the page aborts its socket" };
        var reload = new Option<double>("--fault-reload") { Description = "Share of sent events after which the page reloads: socket aborted, call state forgotten, the stored outbox sent again" };
        var reloadForgets = new Option<bool>("--fault-reload-forgets-outbox") { Description = "A reload forgets the unacknowledged events and the record of make-calls too (a browser that keeps no site data)" };
        var outbox = new Option<int>("--outbox") { Description = "Events each page keeps until acknowledged", DefaultValueFactory = _ => SimulationOptions.DefaultOutboxCapacity };
        var makeCallDelay = new Option<double>("--make-call-delay") { Description = "A slow vendor: seconds before a make-call is answered and placed (a call placed after its deadline is hung up)" };
        var seconds = new Option<double?>("--seconds") { Description = "Stop after this many seconds (default: run until Ctrl+C or SIGTERM)" };
        var dispose = new Option<double>("--dispositions") { Description = "Share of answered calls the agent records a disposition for (0 = the agents record none)", DefaultValueFactory = _ => new AgentHabits().DisposeAnswered };
        var typing = new Option<string?>("--typing") { Description = "Seconds from a hang-up to its disposition, A-B (default: 2-20)" };
        var callbackAfter = new Option<string?>("--callback-after") { Description = "Seconds ahead a callback is asked for, A-B (default: 30-300)" };
        var foreign = new Option<double>("--foreign-dispositions") { Description = "Share of dispositions after which the page also tries one for another agent's call (it must be refused)", DefaultValueFactory = _ => new AgentHabits().ForeignTries };
        var previewSkip = new Option<double>("--preview-skip") { Description = "Share of preview offers the agent skips", DefaultValueFactory = _ => new AgentHabits().PreviewSkips };
        var previewIgnore = new Option<double>("--preview-ignore") { Description = "Share of preview offers left to the countdown", DefaultValueFactory = _ => new AgentHabits().PreviewIgnores };
        var command = new Command("simulate", "Play a call center and its agents' workbench pages against a running dialer, over the agent bridge")
        {
            dialers, agents, vendor, account, prefix, apiKey, seed, truth, ring, talk, wrap, answer, busy, reject, fail,
            duplicate, reorder, late, lateSeconds, poison, dropSocket, reload, reloadForgets, outbox, makeCallDelay, seconds, dispose, typing, callbackAfter, foreign, previewSkip,
            previewIgnore, CliOptions.Json,
        };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var customers = new CustomerBehaviour
            {
                AnswerProbability = parse.GetValue(answer),
                BusyProbability = parse.GetValue(busy),
                RejectProbability = parse.GetValue(reject),
                FailureProbability = parse.GetValue(fail),
            };
            if (parse.GetValue(ring) is { } ringText)
            {
                var range = SecondsRange.Parse(ringText, "--ring");
                // A drawn ring time is below the range's top, so every answering customer answers before the timeout.
                customers = customers with { RingTime = range.Uniform(), RingTimeout = range.MaxTime + TimeSpan.FromMilliseconds(1) };
            }

            if (parse.GetValue(talk) is { } talkText)
                customers = customers with { TalkTime = SecondsRange.Parse(talkText, "--talk").Uniform() };
            var options = new SimulationOptions
            {
                DialerUrls = parse.GetValue(dialers)!.SelectMany(d => d.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    .Select(d => Uri.TryCreate(d, UriKind.Absolute, out var url) ? url : throw new ArgumentException($"--dialer '{d}' is not an absolute URL")).ToArray(),
                Agents = parse.GetValue(agents),
                Vendor = parse.GetValue(vendor)!,
                Account = parse.GetValue(account),
                AgentPrefix = parse.GetValue(prefix)!,
                ApiKey = parse.GetValue(apiKey) ?? (Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key ? key : null),
                Seed = parse.GetValue(seed),
                Customers = customers,
                WrapUp = parse.GetValue(wrap) is { } wrapText ? SecondsRange.Parse(wrapText, "--wrap").Uniform() : new SimulationOptions().WrapUp,
                Faults = new PageFaults
                {
                    DuplicateRate = parse.GetValue(duplicate),
                    ReorderRate = parse.GetValue(reorder),
                    LateRate = parse.GetValue(late),
                    LateDelay = TimeSpan.FromSeconds(parse.GetValue(lateSeconds)),
                    PoisonRate = parse.GetValue(poison),
                    DropSocketRate = parse.GetValue(dropSocket),
                    ReloadRate = parse.GetValue(reload),
                    ReloadForgetsOutbox = parse.GetValue(reloadForgets),
                },
                OutboxCapacity = parse.GetValue(outbox),
                MakeCallDelay = TimeSpan.FromSeconds(parse.GetValue(makeCallDelay)),
                // The agents' side in real seconds: dispositions a few seconds after the hang-up, callbacks minutes ahead.
                Habits = new AgentHabits
                {
                    DisposeAnswered = parse.GetValue(dispose),
                    DisposeUnanswered = parse.GetValue(dispose) > 0 ? new AgentHabits().DisposeUnanswered : 0,
                    TypingTime = parse.GetValue(typing) is { } typingText ? SecondsRange.Parse(typingText, "--typing").Uniform() : new AgentHabits().TypingTime,
                    CallbackAfter = parse.GetValue(callbackAfter) is { } afterText
                        ? SecondsRange.Parse(afterText, "--callback-after").Uniform()
                        : DurationDistribution.Uniform(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5)),
                    ForeignTries = parse.GetValue(foreign),
                    PreviewSkips = parse.GetValue(previewSkip),
                    PreviewIgnores = parse.GetValue(previewIgnore),
                },
            };
            options.Validate();
            var duration = parse.GetValue(seconds);
            if (duration is <= 0)
                throw new ArgumentException("--seconds must be above 0");
            var json = parse.GetValue(CliOptions.Json);

            using var truthLog = parse.GetValue(truth) is { } path ? TruthLog.Create(path) : TruthLog.None;
            var run = new SimulationRun(options, truthLog);
            await using (run)
            {
                run.Start();
                Console.Error.WriteLine($"simulate: {options.Agents} {options.Vendor} agents on {string.Join(", ", options.DialerUrls)}{(duration is { } d ? $" for {d:0.#} s" : " until stopped")}");
                await RunUntilStoppedAsync(run, duration, cancellationToken);
                await run.StopAsync();
            }

            var summary = run.Summary();
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(summary, SnakeCaseJson));
            }
            else
            {
                Console.WriteLine($"agents:   {summary.Agents} ({summary.Connected} connected at the end), {summary.Seconds:N1} s");
                Console.WriteLine($"calls:    {summary.MakeCalls:N0} make-calls received, {summary.Calls:N0} calls placed, {summary.Ended:N0} ended, {summary.DuplicateDials} business ids dialled twice");
                Console.WriteLine($"events:   {summary.Events:N0} queued (fault copies included), {summary.EventsSent:N0} sent (resends included), {summary.Acked:N0} acked, {summary.Refused:N0} refused, {summary.Unacked:N0} unacked, {summary.OutboxDropped:N0} dropped from full outboxes");
                Console.WriteLine($"sessions: {summary.Connects:N0} welcomed, {summary.Reconnects:N0} reconnects, {summary.ConnectFailures:N0} failed attempts");
                Console.WriteLine($"faults:   {summary.Duplicated} duplicated, {summary.Reordered} reordered, {summary.Late} late, {summary.Poisoned} poisoned, {summary.SocketsDropped} sockets dropped");
                Console.WriteLine($"agents' side: {summary.ScreenPops:N0} cards, {summary.Offers:N0} offers ({summary.OffersSkipped:N0} skipped), {summary.Dispositions.Values.Sum():N0} dispositions ({summary.DispositionsRefused:N0} refused), {summary.CallbacksRequested:N0} callbacks asked for, {summary.ForeignDispositions:N0} tried for other agents' calls ({summary.ForeignAccepted:N0} accepted)");
            }

            return 0;
        });
        return command;
    }

    /// <summary>Until <paramref name="duration"/> passes or the process is asked to stop, with a progress line now and then.</summary>
    private static async Task RunUntilStoppedAsync(SimulationRun run, double? duration, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (duration is { } d)
            limit.CancelAfter(TimeSpan.FromSeconds(d));
        using var progress = new PeriodicTimer(ProgressInterval);
        try
        {
            while (await progress.WaitForNextTickAsync(limit.Token))
            {
                var s = run.Summary();
                Console.Error.WriteLine($"simulate: {s.Connected}/{s.Agents} connected, {s.Calls} calls, {s.Ended} ended, {s.EventsSent} events sent, {s.Acked} acked, {s.Unacked} unacked, {s.Reconnects} reconnects");
            }
        }
        catch (OperationCanceledException)
        {
            // The time is up, or SIGTERM / Ctrl+C: stop and sum up either way.
        }
    }
}
