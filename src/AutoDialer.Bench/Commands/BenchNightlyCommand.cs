using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using AutoDialer.Cli;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Nightly;
using Dapper;

namespace AutoDialer.Bench.Commands;

/// <summary>
/// <c>bench nightly</c>: one campaign of N contacts in a day-end mix of states, loaded in one set-based statement per
/// million, then <see cref="NightlyRetryBatch.RunAsync"/> timed once, and run again for the same day to show it changes nothing.
/// </summary>
internal static class BenchNightlyCommand
{
    private const int Batch = 1_000_000;

    public static Command Create()
    {
        var contacts = new Option<int>("--contacts") { Description = "Contacts in the campaign", DefaultValueFactory = _ => 1_000_000 };
        var command = new Command("nightly", "Time the nightly retry batch over a large campaign, then show a second run is a no-op") { contacts, CliOptions.Json };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(contacts);
            if (count < 1) throw new ArgumentException("--contacts must be at least 1");
            var json = parse.GetValue(CliOptions.Json);
            using var loggers = CliLogging.Create(parse.GetValue(CliOptions.Verbose));
            await using var server = await CliDatabase.OpenAsync(loggers, cancellationToken, migrate: false);
            await using var database = await BenchDatabase.CreateAsync(server.ConnectionString, "nightly", cancellationToken);

            var settings = BenchCampaign.Settings(["agent-001"], "simulator");
            var (campaignId, listId) = await BenchCampaign.CreateAsync(database.DataSource, "nightly", settings, cancellationToken);
            var load = Stopwatch.StartNew();
            await using (var connection = await database.DataSource.OpenConnectionAsync(cancellationToken))
            {
                for (var from = 1; from <= count; from += Batch)
                {
                    // Per ten contacts at day end (budget 3): three deferred with budget left, one deferred and one
                    // pending with the budget spent, one pending dialled today, one done, three never dialled.
                    await connection.ExecuteAsync(new CommandDefinition($"""
                        insert into contacts (campaign_id, list_id, line_no, phone, state, attempts, attempts_today, last_outcome, next_due_at)
                        select @campaignId, @listId, g, {BenchCampaign.PhoneSql},
                               case when g % 10 in (0, 1, 2, 4) then '{ContactStates.Deferred}' when g % 10 = 6 then '{ContactStates.Done}' else '{ContactStates.Pending}' end,
                               case when g % 10 in (0, 1, 2) then 1 + g % 2 when g % 10 in (3, 4) then 3 when g % 10 in (5, 6) then 1 else 0 end,
                               case when g % 10 in (0, 1, 2, 3, 4, 5, 6) then 1 else 0 end,
                               case when g % 10 in (0, 1, 2, 3, 4) then '{CallOutcomes.NoAnswer}' when g % 10 = 6 then '{CallOutcomes.Answered}' when g % 10 = 5 then '{CallOutcomes.Busy}' end,
                               now() + (g % 600) * interval '1 minute'
                        from generate_series(@from, least(@to, @count)) g
                        """, new { campaignId, listId, from, to = from + Batch - 1, count }, commandTimeout: 0, cancellationToken: cancellationToken));
                }
                await connection.ExecuteAsync(new CommandDefinition("vacuum analyze contacts", commandTimeout: 0, cancellationToken: cancellationToken));
            }
            var loadSeconds = load.Elapsed.TotalSeconds;
            if (!json) Console.WriteLine($"loaded:      {count:N0} contacts in {loadSeconds:N1} s");

            var batch = new NightlyRetryBatch(database.DataSource, new CampaignSettingsCache());
            var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.Schedule.TimeZoneId);
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
            var clock = Stopwatch.StartNew();
            var first = await batch.RunAsync(campaignId, day, cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;

            var before = await FingerprintAsync(database.DataSource, campaignId, cancellationToken);
            clock.Restart();
            var second = await batch.RunAsync(campaignId, day, cancellationToken);
            var secondSeconds = clock.Elapsed.TotalSeconds;
            var after = await FingerprintAsync(database.DataSource, campaignId, cancellationToken);
            var noop = second.AlreadyClosed && second.Rescheduled == 0 && second.Finalised == 0 && before == after;

            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    work = "nightly",
                    contacts = count,
                    seconds = Math.Round(seconds, 3),
                    rescheduled = first.Rescheduled,
                    finalised = first.Finalised,
                    second_run_noop = noop,
                    second_run_seconds = Math.Round(secondSeconds, 3),
                    load_seconds = Math.Round(loadSeconds, 1),
                }));
            }
            else
            {
                Console.WriteLine($"nightly:     {count:N0} contacts in {seconds:N2} s (target ≤ 10 s): {first.Rescheduled:N0} rescheduled, {first.Finalised:N0} finalised");
                Console.WriteLine($"second run:  {(noop ? "no-op" : "CHANGED SOMETHING")} in {secondSeconds * 1000:N1} ms (day already closed: {second.AlreadyClosed}; contacts fingerprint {(before == after ? "unchanged" : "changed")})");
            }
            return noop ? 0 : 1;
        });
        return command;
    }

    /// <summary>A digest of every contact's schedule-relevant columns, to show a second run changed nothing.</summary>
    private static async Task<string> FingerprintAsync(Npgsql.NpgsqlDataSource dataSource, long campaignId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string>(new CommandDefinition("""
            select md5(string_agg(id || ':' || state || ':' || attempts || ':' || attempts_today || ':' || next_due_at, ',' order by id))
            from contacts where campaign_id = @campaignId
            """, new { campaignId }, commandTimeout: 0, cancellationToken: cancellationToken)) ?? "";
    }
}
