using System.CommandLine;
using AutoDialer.Cli;
using Microsoft.Extensions.Logging;

namespace AutoDialer.Chaos.Commands;

/// <summary>
/// <c>chaos</c>: the dialer's promises under real faults. Two <c>serve</c> nodes and a <c>simulate</c> call center as
/// processes of their own on one PostgreSQL; nodes killed, the database restarted, sockets cut, numbers put on the
/// do-not-call list, the budget lowered, the campaign paused, events duplicated, reordered, late and poisoned — then
/// the database judged against the call center's own record. Exits 1 when a promise broke or a fault did not happen.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class ChaosCommand
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Length of the dialing phase, in which every fault strikes (then calls and late events drain)", DefaultValueFactory = _ => 120 };
        var contacts = new Option<int>("--contacts") { Description = "Contacts in the campaign", DefaultValueFactory = _ => 3_000 };
        var agents = new Option<int>("--agents") { Description = "Simulated agents, split across the two nodes", DefaultValueFactory = _ => 50 };
        var seed = new Option<int>("--seed") { Description = "Seed of the list, the customers and the injected faults", DefaultValueFactory = _ => 1 };
        var reloads = new Option<double>("--page-reloads") { Description = "Share of sent events after which a page reloads and forgets its unacknowledged events, its call state and its record of make-calls (off by default; ./build.sh test runs 0.01)" };
        var freeze = new Option<bool>("--freeze") { Description = "SIGSTOP node B for a third of the dialing phase while it holds the dial fence (on by default; --freeze false leaves it out)", DefaultValueFactory = _ => true };
        var keep = new Option<bool>("--keep") { Description = "Keep the work directory (node logs, truth file) also when the run passed" };
        var command = new Command("chaos", "Run two dialer nodes and a simulated call center under faults, and judge the result against the call center's record")
        {
            seconds, contacts, agents, seed, freeze, reloads, keep, CliOptions.Json,
        };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var options = new ChaosOptions
            {
                Dialing = TimeSpan.FromSeconds(parse.GetValue(seconds)),
                Contacts = parse.GetValue(contacts),
                Agents = parse.GetValue(agents),
                Seed = parse.GetValue(seed),
                Keep = parse.GetValue(keep),
                PageReloadRate = parse.GetValue(reloads),
                FreezeNode = parse.GetValue(freeze),
            };
            options.Validate();
            using var loggers = CliLogging.Create(parse.GetValue(CliOptions.Verbose), quiet: LogLevel.Information);
            var work = Path.Combine(Path.GetTempPath(), $"autodialer-chaos-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
            // Traversable by the postgres account, which runs the server when this runs as root.
            Directory.CreateDirectory(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

            var report = await new ChaosRun(options, loggers.CreateLogger("AutoDialer.Chaos"), TimeProvider.System).RunAsync(work, cancellationToken);
            var missing = report.MissingFaults();
            var (verdict, faults) = (report.Verdict, report.Faults);
            var passed = report.Violations == 0 && missing.Count == 0;

            Console.WriteLine($"calls:      {verdict.Calls:N0} placed in {report.Seconds:N0} s");
            Console.WriteLine($"faults:     {faults.Kills} nodes killed, {(faults.Freezes is { } frozen ? $"{frozen} frozen ({faults.FrozenHoldingFence} holding the dial fence)" : "none frozen (--freeze false)")}, {faults.PgKills} PostgreSQL crashes, {faults.SocketsDropped} sockets cut, {faults.DncAdded} numbers put on the do-not-call list, {faults.BudgetChanges} budget changes, {faults.Pauses} pauses, {faults.Campaigns} campaigns over the same numbers, {faults.ClockShiftedNodes} node with its clock shifted");
            Console.WriteLine($"calls:      {faults.LongCalls} longer than StaleAfter ({faults.LongCallsAcrossReconnects} across a reconnect), {faults.ChangesInsideSlowMakeCalls} changes while a slow make-call waited");
            Console.WriteLine($"events:     {faults.Duplicated} duplicated, {faults.Reordered} reordered, {faults.Late} late, {faults.Poisoned} poisoned ({report.PoisonQuarantined} quarantined)");
            Console.WriteLine($"violations: {verdict.DuplicateDials} duplicate dials, {verdict.OverlappingCalls} overlapping calls, {verdict.DncDialledAfterAdd} do-not-call dialled, {verdict.BudgetExceeded} over budget, {verdict.DialledWhilePaused} while paused, {verdict.OutcomeMismatches} outcome mismatches, {verdict.EventsLost} hang-ups lost, {verdict.Unsettled} unsettled, {verdict.UnknownCalls} make-calls without an attempt");
            Console.WriteLine($"            {verdict.AgentsDoubleBooked} agents double-booked, {verdict.BudgetLeaked} budget leaked, {verdict.OperatorStalls} operator stalls (longest call {report.OperatorLongest.TotalSeconds:N1} s), {verdict.DialledAfterSettled} dialled after settled, {verdict.ClusterStalls} cluster stalls, {verdict.FrequencyCapsExceeded} over a frequency cap, {verdict.ForeignDispositionsAccepted} of {verdict.Dispositions} dispositions accepted for another agent's call, {verdict.DialledOutsideWindow} outside the calling window, {verdict.DialledAfterAnswered} dialled after an answered call");
            Console.WriteLine(report.RecurringJobsResumed is { } resumed
                ? $"scheduling: recurring jobs resumed {resumed.TotalSeconds:N0} s after a killed node's scheduling lock was left (bound {LeftSchedulingLock.Bound.TotalSeconds:N0} s)"
                : $"scheduling: recurring jobs did NOT resume within {LeftSchedulingLock.Bound.TotalSeconds:N0} s of a killed node's scheduling lock being left");
            if (missing.Count > 0)
            {
                Console.Error.WriteLine($"chaos: these faults did not happen, so the run proves nothing about them: {string.Join(", ", missing)}");
            }

            Console.Error.WriteLine(passed && !options.Keep ? "chaos: passed" : $"chaos: {(passed ? "passed" : "FAILED")}; logs and the truth file are in {work}");
            if (passed && !options.Keep)
            {
                TryDelete(work);
            }

            if (parse.GetValue(CliOptions.Json))
            {
                Console.WriteLine(report.ToJson());
            }

            return passed ? 0 : 1;
        });
        return command;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"chaos: could not remove {directory}: {e.Message}");
        }
    }
}
