using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Reports;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Nightly;

/// <summary>
/// Closes a campaign's day, set-based (a few statements per chunk whatever the number of contacts): deferred contacts
/// with budget left are scheduled into the next day's calling window, exhausted ones are finalised, today's per-day
/// counts start again, and the day's report (<see cref="DailyReport"/>: dials, answered, talk time, by hour, agent, caller
/// number and outcome, with what the batch did) is stored in the day's row, where any node reads it; no file is written.
/// The contacts are moved in id-range chunks on parallel connections (an UPDATE runs on one core; the moves are the
/// bulk of the work), each chunk its own transaction. The report row is claimed first and closed last, under an
/// advisory lock, so the batch runs once per campaign and day however often, and on however many nodes, it is started;
/// one interrupted midway is finished by the next run, and since every move is a state change that no longer matches
/// once made, re-running a chunk moves only what is left.
/// </summary>
internal sealed class NightlyRetryBatch(NpgsqlDataSource dataSource, CampaignSettingsCache settingsCache)
{
    /// <summary>Chunks moved at once: one per core, up to four (beyond that they queue on the same pages and WAL).</summary>
    private static readonly int Parallelism = Math.Clamp(Environment.ProcessorCount, 1, 4);

    public async Task<NightlyBatchResult> RunAsync(long campaignId, DateOnly day, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Session-level: held across the chunks' own transactions; a second runner waits here and then finds the day closed.
        var lockName = AdvisoryLocks.NightlyBatchName(campaignId, day);
        await connection.ExecuteAsync(new CommandDefinition(AdvisoryLocks.NightlyBatchSql,
            new { lockName }, commandTimeout: 0, cancellationToken: cancellationToken));
        try
        {
            return await RunLockedAsync(connection, campaignId, day, cancellationToken);
        }
        finally
        {
            // The pooled connection outlives this run, so the lock is given back. If the connection itself broke, the
            // server dropped the lock with the session, and the run's own error is the one worth reporting.
            if (connection.State == System.Data.ConnectionState.Open)
                await connection.ExecuteAsync(new CommandDefinition(AdvisoryLocks.NightlyBatchUnlockSql,
                    new { lockName }, cancellationToken: CancellationToken.None));
        }
    }

    private async Task<NightlyBatchResult> RunLockedAsync(NpgsqlConnection connection, long campaignId, DateOnly day, CancellationToken cancellationToken)
    {
        var campaign = await connection.QuerySingleOrDefaultAsync<(string name, string settings, string time_zone, DateTime updated_at)>(new CommandDefinition(
            "select name, settings::text, time_zone, updated_at from campaigns where id = @campaignId",
            new { campaignId }, cancellationToken: cancellationToken));
        if (campaign.name is null)
            throw new KeyNotFoundException($"campaign {campaignId} does not exist");
        var closed = await connection.QuerySingleAsync<bool>(new CommandDefinition("""
            insert into daily_reports (campaign_id, day, report) values (@campaignId, @day, '{}') on conflict do nothing;
            select closed_at is not null from daily_reports where campaign_id = @campaignId and day = @day;
            """, new { campaignId, day }, cancellationToken: cancellationToken));
        if (closed)
            return new NightlyBatchResult(campaignId, day, true, 0, 0);

        var settings = settingsCache.Get(campaignId, campaign.updated_at, campaign.settings, campaign.time_zone);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.Schedule.TimeZoneId);
        var dayEnd = LocalMidnight(day.AddDays(1), zone).ToUniversalTime();
        var nextOpening = (settings.Schedule.NextOpening(dayEnd) ?? dayEnd).ToUniversalTime();

        var (first, last) = await connection.QuerySingleAsync<(long? first, long? last)>(new CommandDefinition(
            "select min(id), max(id) from contacts where campaign_id = @campaignId", new { campaignId }, cancellationToken: cancellationToken));
        if (first is { } from && last is { } to)
        {
            var size = (to - from) / Parallelism + 1;
            await Task.WhenAll(Enumerable.Range(0, Parallelism).Select(chunk =>
                MoveChunkAsync(campaignId, day, from + chunk * size, from + (chunk + 1) * size - 1, settings.Retry.MaxAttempts,
                    settings.Callbacks.ExtraAttempts, nextOpening, cancellationToken)));
        }
        var moved = await connection.QuerySingleAsync<(int rescheduled, int finalised)>(new CommandDefinition(
            "select rescheduled::int, finalised::int from daily_reports where campaign_id = @campaignId and day = @day",
            new { campaignId, day }, cancellationToken: cancellationToken));

        var contacts = await connection.QuerySingleAsync<(long contacts, long pending, long deferred, long suppressed, long done)>(new CommandDefinition("""
            select coalesce(sum(contacts), 0)::bigint, coalesce(sum(pending), 0)::bigint, coalesce(sum(deferred), 0)::bigint,
                   coalesce(sum(suppressed), 0)::bigint, coalesce(sum(done), 0)::bigint
            from campaign_counters where campaign_id = @campaignId
            """, new { campaignId }, cancellationToken: cancellationToken));

        var computed = await new DailyReports(dataSource).ComputeAsync(connection, campaignId, campaign.name, day, settings.Schedule.TimeZoneId, cancellationToken);
        var closedAt = DateTimeOffset.UtcNow;
        var report = computed with
        {
            Closed = true,
            ClosedAt = closedAt,
            ComputedAt = closedAt,
            Close = new DayClose(moved.rescheduled, moved.finalised, contacts.contacts, contacts.pending, contacts.deferred, contacts.suppressed, contacts.done),
        };
        await connection.ExecuteAsync(new CommandDefinition("""
            update daily_reports set report = @report::jsonb, closed_at = @closedAt where campaign_id = @campaignId and day = @day
            """, new { campaignId, day, report = DailyReports.ToStoredJson(report), closedAt }, cancellationToken: cancellationToken));
        return new NightlyBatchResult(campaignId, day, false, moved.rescheduled, moved.finalised);
    }

    /// <summary>
    /// Moves the contacts of one id range, in one transaction that also adds what it moved to the day's report row.
    /// Four statements over disjoint rows, so each one's row count is what it moved: listed numbers → suppressed; deferred with budget left →
    /// pending in the next window; deferred or pending with the budget spent → done; everyone else dialled today has
    /// the per-day count start again. A contact waiting for a callback has the campaign's extra attempts for callbacks
    /// (<paramref name="callbackExtra"/>) beyond the budget.
    /// </summary>
    private async Task MoveChunkAsync(long campaignId, DateOnly day, long fromId, long toId, int maxAttempts, int callbackExtra, DateTimeOffset nextOpening,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        const string Range = "campaign_id = $1 and id between $2 and $3";
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                // A number on the do-not-call list is never made due again, however it got there.
                new NpgsqlBatchCommand($"""
                    update contacts c set state = '{ContactStates.Suppressed}'
                    where {Range} and state in ('{ContactStates.Deferred}', '{ContactStates.Pending}') and exists (select 1 from dnc d where d.phone = c.phone)
                    """),
                new NpgsqlBatchCommand($"""
                    update contacts set state = '{ContactStates.Pending}', next_due_at = greatest(next_due_at, $5), attempts_today = 0
                    where {Range} and state = '{ContactStates.Deferred}' and attempts < $4 + (case when callback_at is null then 0 else $6 end)
                    """),
                new NpgsqlBatchCommand($"""
                    update contacts set state = '{ContactStates.Done}', attempts_today = 0
                    where {Range} and state in ('{ContactStates.Deferred}', '{ContactStates.Pending}') and attempts >= $4 + (case when callback_at is null then 0 else $5 end)
                    """),
                new NpgsqlBatchCommand($"update contacts set attempts_today = 0 where {Range} and attempts_today > 0"),
            },
            Timeout = 0,
        };
        foreach (var command in batch.BatchCommands)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toId });
        }
        var (_, reschedule, finalise) = (batch.BatchCommands[0], batch.BatchCommands[1], batch.BatchCommands[2]);
        reschedule.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxAttempts });
        reschedule.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = nextOpening });
        reschedule.Parameters.Add(new NpgsqlParameter<int> { TypedValue = callbackExtra });
        finalise.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxAttempts });
        finalise.Parameters.Add(new NpgsqlParameter<int> { TypedValue = callbackExtra });
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            update daily_reports set rescheduled = rescheduled + @rescheduled, finalised = finalised + @finalised
            where campaign_id = @campaignId and day = @day
            """, new { campaignId, day, rescheduled = reschedule.RecordsAffected, finalised = finalise.RecordsAffected },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    private static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
