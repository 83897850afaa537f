using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using AutoDialer.Cli;
using AutoDialer.Core.StoredWords;
using AutoDialer.Dialing;
using AutoDialer.Dialing.Events;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.InProcess;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.Bench.Commands;

/// <summary>
/// <c>bench reconcile</c>: a recorded simulator event stream (see <see cref="RecordedCalls"/>) fed through
/// <see cref="Reconciler.ApplyAsync"/> in the engine's batch size. Each call's attempt is written just before the
/// batch that first needs it, as the dispatcher would have, and only the reconciler's time is measured.
/// </summary>
internal static class BenchReconcileCommand
{
    public static Command Create()
    {
        var events = new Option<int>("--events") { Description = "Vendor events to store and apply", DefaultValueFactory = _ => 200_000 };
        var agents = new Option<int>("--agents") { Description = "Simulated agents producing them", DefaultValueFactory = _ => 500 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };
        var command = new Command("reconcile", "Vendor events/s stored and applied by the reconciler") { events, agents, seed, CliOptions.Json };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(events);
            if (count < 1) throw new ArgumentException("--events must be at least 1");
            var json = parse.GetValue(CliOptions.Json);
            using var loggers = CliLogging.Create(parse.GetValue(CliOptions.Verbose));
            await using var server = await CliDatabase.OpenAsync(loggers, cancellationToken, migrate: false, serverSettings: PostgresStatements.ServerSettings);
            await using var database = await BenchDatabase.CreateAsync(server.ConnectionString, "reconcile", cancellationToken);

            var recording = Stopwatch.StartNew();
            var (stream, calls) = await RecordedCalls.RecordAsync(count, parse.GetValue(agents), parse.GetValue(seed), cancellationToken);
            if (!json) Console.WriteLine($"recorded:    {stream.Count:N0} events of {calls.Count:N0} calls in {recording.Elapsed.TotalSeconds:N1} s");

            var agentIds = stream.Select(e => e.AgentId).Distinct().ToList();
            var (campaignId, listId) = await BenchCampaign.CreateAsync(database.DataSource, "reconcile", BenchCampaign.Settings(agentIds, "simulator"), cancellationToken);
            var dialing = new DialingOptions { Node = "bench" };
            await using var services = BenchDialing.Build(database.DataSource, new SimulatorOptions { AccountId = "unused" }, dialing, loggers);
            var reconciler = services.GetRequiredService<Reconciler>();

            var applying = TimeSpan.Zero;
            var next = 0;
            // The attempts' writes are the bench's, one statement a batch that has new calls: taken off the count below.
            var writes = 0;
            var statementsAtStart = await PostgresStatements.ReadAsync(database.DataSource, cancellationToken);
            for (var from = 0; from < stream.Count; from += dialing.EventBatchSize)
            {
                var batch = stream.GetRange(from, Math.Min(dialing.EventBatchSize, stream.Count - from));
                var due = new List<RecordedCall>();
                while (next < calls.Count && calls[next].Position < from + batch.Count) due.Add(calls[next++]);
                await WriteAttemptsAsync(database.DataSource, campaignId, listId, due, cancellationToken);
                if (due.Count > 0) writes++;
                var clock = Stopwatch.StartNew();
                await reconciler.ApplyAsync("simulator", batch, cancellationToken);
                applying += clock.Elapsed;
            }
            var seconds = applying.TotalSeconds;
            var statements = await PostgresStatements.ReadAsync(database.DataSource, cancellationToken) - statementsAtStart - writes;
            var statementsPerEvent = statements is { } counted ? (double?)counted / stream.Count : null;

            await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
            var (stored, settled) = await connection.QuerySingleAsync<(long, long)>(
                $"select (select count(*) from call_events), (select count(*) from attempts where status = '{AttemptStatuses.Settled}')");
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    work = "reconcile",
                    events = stream.Count,
                    seconds = Math.Round(seconds, 3),
                    events_per_s = Math.Round(stream.Count / seconds),
                    stored,
                    duplicates = stream.Count - stored,
                    calls = calls.Count,
                    settled,
                    statements_per_event = statementsPerEvent is { } perEvent ? Math.Round(perEvent, 3) : (double?)null,
                }));
            }
            else
            {
                Console.WriteLine($"reconcile:   {stream.Count:N0} events in {seconds:N2} s = {stream.Count / seconds:N0} events/s (target ≥ 5,000)");
                Console.WriteLine(statementsPerEvent is { } perEvent
                    ? $"statements:  {perEvent:N3} an event in PostgreSQL ({statements:N0})"
                    : $"statements:  not counted ({PostgresStatements.Unavailable})");
                Console.WriteLine($"             {stored:N0} stored ({stream.Count - stored:N0} duplicates), {settled:N0} of {calls.Count:N0} attempts settled");
            }
            return 0;
        });
        return command;
    }

    /// <summary>The attempts (and their contacts) the dispatcher would have written before these calls were placed.</summary>
    private static async Task WriteAttemptsAsync(Npgsql.NpgsqlDataSource dataSource, long campaignId, long listId, List<RecordedCall> calls,
        CancellationToken cancellationToken)
    {
        if (calls.Count == 0) return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition($"""
            with c as (
                insert into contacts (campaign_id, list_id, line_no, phone, state, attempts, attempts_today, last_attempt_at)
                select @campaignId, @listId, r.id, r.phone, '{ContactStates.Dialing}', 1, 1, now() from unnest(@ids, @phones) as r(id, phone)
                returning id, phone)
            insert into attempts (id, campaign_id, contact_id, provider_account, agent_id, phone, dial_string, status, node, created_at)
            select r.id, @campaignId, c.id, 'simulator', r.agent, r.phone, r.dial, '{AttemptStatuses.Placed}', 'bench', now()
            from unnest(@ids, @phones, @agents, @dials) as r(id, phone, agent, dial) join c on c.phone = r.phone
            """, new
        {
            campaignId, listId,
            ids = calls.Select(c => c.AttemptId).ToArray(),
            phones = calls.Select(c => c.Phone).ToArray(),
            agents = calls.Select(c => c.AgentId).ToArray(),
            dials = calls.Select(c => c.DialString).ToArray(),
        }, cancellationToken: cancellationToken));
    }
}
