using System.Globalization;
using System.Text.Json;
using AutoDialer.PostgreSql.Export;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Dialing;

/// <summary>
/// Closes a campaign's day, set-based (a few statements whatever the number of contacts): deferred contacts with
/// budget left are scheduled into the next day's calling window, exhausted ones are finalised, today's per-day counts
/// start again, and the day's report is written (a CSV file and a row). The report row is claimed first, so the
/// batch runs once per campaign and day however often, and on however many nodes, it is started.
/// </summary>
public sealed class NightlyRetryBatch(NpgsqlDataSource dataSource, CampaignSettingsCache settingsCache)
{
    public async Task<NightlyBatchResult> RunAsync(long campaignId, DateOnly day, string reportsDirectory, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var campaign = await connection.QuerySingleOrDefaultAsync<(string name, string settings, string time_zone, DateTime updated_at)>(new CommandDefinition(
            "select name, settings::text, time_zone, updated_at from campaigns where id = @campaignId for share",
            new { campaignId }, transaction, cancellationToken: cancellationToken));
        if (campaign.name is null)
            throw new KeyNotFoundException($"campaign {campaignId} does not exist");

        var claimed = await connection.ExecuteAsync(new CommandDefinition("""
            insert into daily_reports (campaign_id, day, report) values (@campaignId, @day, '{}') on conflict do nothing
            """, new { campaignId, day }, transaction, cancellationToken: cancellationToken));
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new NightlyBatchResult(campaignId, day, true, 0, 0, null);
        }

        var settings = settingsCache.Get(campaignId, campaign.updated_at, campaign.settings, campaign.time_zone);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.Schedule.TimeZoneId);
        var dayStart = LocalMidnight(day, zone).ToUniversalTime();
        var dayEnd = LocalMidnight(day.AddDays(1), zone).ToUniversalTime();
        var nextOpening = (settings.Schedule.NextOpening(dayEnd) ?? dayEnd).ToUniversalTime();

        var moved = await connection.QuerySingleAsync<(int rescheduled, int finalised)>(new CommandDefinition("""
            with changed as (
                update contacts c set
                    state = case
                        when c.state in ('deferred', 'pending') and c.attempts >= @maxAttempts then 'done'
                        when c.state = 'deferred' then 'pending'
                        else c.state end,
                    next_due_at = case
                        when c.state = 'deferred' and c.attempts < @maxAttempts then greatest(c.next_due_at, @nextOpening)
                        else c.next_due_at end,
                    attempts_today = 0
                -- The row as it was, so the counts say what moved: a pending contact that only had its per-day count
                -- reset was not rescheduled, and one already done was not finalised tonight.
                from contacts was
                where was.id = c.id and c.campaign_id = @campaignId
                  and (c.state = 'deferred' or c.attempts_today > 0 or (c.state = 'pending' and c.attempts >= @maxAttempts))
                returning was.state as was_state, c.state, c.attempts)
            select count(*) filter (where was_state = 'deferred' and state = 'pending')::int as rescheduled,
                   count(*) filter (where was_state <> 'done' and state = 'done')::int as finalised
            from changed
            """, new { campaignId, maxAttempts = settings.Retry.MaxAttempts, nextOpening }, transaction, commandTimeout: 0, cancellationToken: cancellationToken));

        var outcomes = (await connection.QueryAsync<(string outcome, long attempts, long talk_seconds)>(new CommandDefinition("""
            select coalesce(outcome, 'in_progress'), count(*), coalesce(sum(talk_seconds), 0)
            from attempts where campaign_id = @campaignId and created_at >= @dayStart and created_at < @dayEnd
            group by 1 order by 1
            """, new { campaignId, dayStart, dayEnd }, transaction, cancellationToken: cancellationToken))).ToList();
        var contacts = await connection.QuerySingleAsync<(long contacts, long pending, long deferred, long suppressed, long done)>(new CommandDefinition("""
            select coalesce(sum(contacts), 0)::bigint, coalesce(sum(pending), 0)::bigint, coalesce(sum(deferred), 0)::bigint,
                   coalesce(sum(suppressed), 0)::bigint, coalesce(sum(done), 0)::bigint
            from campaign_counters where campaign_id = @campaignId
            """, new { campaignId }, transaction, cancellationToken: cancellationToken));

        var report = new
        {
            campaign = campaign.name,
            day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            attempts = outcomes.Sum(o => o.attempts),
            outcomes = outcomes.ToDictionary(o => o.outcome, o => o.attempts),
            talk_seconds = outcomes.Sum(o => o.talk_seconds),
            rescheduled = moved.rescheduled,
            finalised = moved.finalised,
            contacts = new { total = contacts.contacts, contacts.pending, contacts.deferred, contacts.suppressed, contacts.done },
        };
        var path = await WriteCsvAsync(reportsDirectory, campaign.name, day, report.outcomes, moved, contacts, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            update daily_reports set report = @report::jsonb, file_path = @path where campaign_id = @campaignId and day = @day
            """, new { campaignId, day, report = JsonSerializer.Serialize(report), path }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new NightlyBatchResult(campaignId, day, false, moved.rescheduled, moved.finalised, path);
    }

    private static async Task<string> WriteCsvAsync(string directory, string campaign, DateOnly day, Dictionary<string, long> outcomes,
        (int rescheduled, int finalised) moved, (long contacts, long pending, long deferred, long suppressed, long done) contacts,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var safeName = string.Concat(campaign.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c == ' ' ? '_' : c));
        var path = Path.Combine(directory, $"{safeName}-{day:yyyy-MM-dd}.csv");
        await using (var stream = File.Create(path + ".partial"))
        await using (var csv = await SpreadsheetSafeCsv.CreateAsync(stream, cancellationToken))
        {
            csv.WriteField("metric");
            csv.WriteField("value");
            await csv.EndRecordAsync(cancellationToken);
            void Row(string metric, long value)
            {
                csv.WriteField(metric);
                csv.WriteField(value.ToString(CultureInfo.InvariantCulture));
                csv.EndRecord();
            }
            Row("attempts", outcomes.Values.Sum());
            foreach (var (outcome, count) in outcomes) Row($"outcome.{outcome}", count);
            Row("contacts.rescheduled", moved.rescheduled);
            Row("contacts.finalised", moved.finalised);
            Row("contacts.total", contacts.contacts);
            Row("contacts.pending", contacts.pending);
            Row("contacts.deferred", contacts.deferred);
            Row("contacts.suppressed", contacts.suppressed);
            Row("contacts.done", contacts.done);
            await csv.FlushAsync(cancellationToken);
        }
        File.Move(path + ".partial", path, overwrite: true);
        return path;
    }

    private static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
