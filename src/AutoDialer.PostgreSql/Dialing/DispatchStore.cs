using AutoDialer.Core.Dialing;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Dialing;

/// <summary>
/// The storage half of dispatch. <see cref="LeaseAsync"/> is one transaction: the campaign must be running (read with
/// a share lock, so a pause waits for in-flight leases and then stops the next one), the agent must have no live
/// attempt, the next due contact is locked with SKIP LOCKED (so parallel dispatchers on any node never collide),
/// the caller number is chosen and its use counted, and the attempt is written before anything is dialled.
/// </summary>
public sealed class DispatchStore(NpgsqlDataSource dataSource, CampaignSettingsCache settingsCache)
{
    /// <summary>How many due contacts one lease looks at, so a few outside their calling window don't stall it.</summary>
    private const int CandidatesPerLease = 8;

    public async Task<IReadOnlyList<RunningCampaign>> RunningCampaignsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long id, string name, string settings, string time_zone, DateTime updated_at)>(new CommandDefinition(
            "select id, name, settings::text, time_zone, updated_at from campaigns where state = 'running'", cancellationToken: cancellationToken));
        return rows.Select(r => new RunningCampaign(r.id, r.name, settingsCache.Get(r.id, r.updated_at, r.settings, r.time_zone))).ToList();
    }

    public async Task<DialLease?> LeaseAsync(RunningCampaign campaign, string providerAccount, string agentId, string node,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var state = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select state from campaigns where id = @id for share", new { id = campaign.Id }, transaction, cancellationToken: cancellationToken));
        if (state != "running")
            return null;

        // One lease per agent at a time across every node, so two dispatchers can never give one agent two calls.
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(hashtextextended(@key, 7))",
            new { key = providerAccount + "/" + agentId }, transaction, cancellationToken: cancellationToken));
        var agentBusy = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            select exists (select 1 from attempts where provider_account = @providerAccount and agent_id = @agentId and status <> 'settled')
            """, new { providerAccount, agentId }, transaction, cancellationToken: cancellationToken));
        if (agentBusy)
            return null;

        var candidates = (await connection.QueryAsync<Candidate>(new CommandDefinition("""
            select id, phone, timezone from contacts
            where campaign_id = @campaignId and state = 'pending' and next_due_at <= @now
            order by priority desc, next_due_at
            limit @limit
            for update skip locked
            """, new { campaignId = campaign.Id, now = now.ToUniversalTime(), limit = CandidatesPerLease }, transaction, cancellationToken: cancellationToken))).ToList();

        var schedule = campaign.Settings.Schedule;
        Candidate? chosen = null;
        var later = new List<(long Id, DateTimeOffset Due)>();
        foreach (var candidate in candidates)
        {
            if (schedule.IsOpen(now, candidate.timezone))
            {
                chosen = candidate;
                break;
            }
            // Outside its calling window (its own time zone, or the campaign's): come back when the window opens.
            later.Add((candidate.id, (schedule.NextOpening(now, candidate.timezone) ?? now.AddDays(1)).ToUniversalTime()));
        }
        if (later.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                update contacts c set next_due_at = d.due from unnest(@ids, @dues) as d(id, due) where c.id = d.id
                """, new { ids = later.Select(l => l.Id).ToArray(), dues = later.Select(l => l.Due).ToArray() }, transaction, cancellationToken: cancellationToken));
        }
        if (chosen is null)
        {
            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        var attemptId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select nextval('attempts_id_seq')", transaction: transaction, cancellationToken: cancellationToken));
        var callerNumber = await ChooseCallerNumberAsync(connection, transaction, campaign, chosen.phone, attemptId, now, cancellationToken);
        var dialString = DialString.FromE164(chosen.phone);

        await connection.ExecuteAsync(new CommandDefinition("""
            insert into attempts (id, campaign_id, contact_id, provider_account, agent_id, phone, dial_string, caller_number_id, caller_number, node, created_at)
            values (@attemptId, @campaignId, @contactId, @providerAccount, @agentId, @phone, @dialString, @callerId, @callerNumber, @node, @now);
            update contacts set state = 'dialing', attempts = attempts + 1, attempts_today = attempts_today + 1, last_attempt_at = @now
            where id = @contactId;
            """, new
        {
            attemptId, campaignId = campaign.Id, contactId = chosen.id, providerAccount, agentId, chosen.phone, dialString,
            callerId = callerNumber?.Id, callerNumber = callerNumber?.Number, node, now,
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);

        return new DialLease(attemptId, campaign.Id, chosen.id, chosen.phone, dialString, callerNumber?.Id,
            callerNumber is null ? null : DialString.FromE164(callerNumber.Number));
    }

    /// <summary>
    /// Picks a caller number by the campaign's rotation policy and counts its use. The count is a conditional update,
    /// so a daily cap holds across nodes: a number another node just filled is dropped and the choice made again.
    /// </summary>
    private static async Task<CallerNumber?> ChooseCallerNumberAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        RunningCampaign campaign, string callee, long cursor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = campaign.Settings;
        if (settings.CallerNumbers.Count == 0)
            return null;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.Schedule.TimeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

        var usages = (await connection.QueryAsync<UsageRow>(new CommandDefinition("""
            select id, used_on, used_today, last_used_at, rested_until, recent_answered from caller_numbers where campaign_id = @campaignId
            """, new { campaignId = campaign.Id }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(u => u.id, u => u.ToUsage(today));
        var numbers = settings.CallerNumbers.Where(n => usages.ContainsKey(n.Id)).ToList();
        var rotation = settings.Rotation.Create();

        while (numbers.Count > 0)
        {
            var choice = rotation.Choose(new CallerNumberChoice(callee, numbers, usages, now, cursor));
            if (choice is null)
                return null;
            var cap = choice.DailyCap > 0 ? choice.DailyCap : settings.Rotation.DailyCap;
            var counted = await connection.ExecuteAsync(new CommandDefinition("""
                update caller_numbers
                set used_today = case when used_on = @today then used_today + 1 else 1 end,
                    used_on = @today, last_used_at = @now, calls_total = calls_total + 1
                where campaign_id = @campaignId and id = @id
                  and (@cap = 0 or used_on is distinct from @today or used_today < @cap)
                """, new { campaignId = campaign.Id, id = choice.Id, today, now, cap }, transaction, cancellationToken: cancellationToken));
            if (counted == 1)
                return choice;
            numbers.Remove(choice);
        }
        return null;
    }

    /// <summary>The provider accepted the call: it is ringing or about to.</summary>
    public async Task MarkPlacedAsync(long attemptId, string? callId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            update attempts set status = 'placed', call_id = coalesce(call_id, @callId) where id = @attemptId and status = 'dialing'
            """, new { attemptId, callId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Make-call timed out or the session went away: whether the phone rang is unknown. The attempt stays live (the
    /// contact is not redialled) until its events arrive or the stale-attempt sweeper settles it.
    /// </summary>
    public async Task MarkUnknownAsync(long attemptId, string vendorCode, string vendorMessage, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            update attempts set status = 'unknown', vendor_code = @vendorCode, vendor_message = @vendorMessage
            where id = @attemptId and status = 'dialing'
            """, new { attemptId, vendorCode, vendorMessage }, cancellationToken: cancellationToken));
    }

    private sealed record Candidate(long id, string phone, string? timezone);

    private sealed class UsageRow
    {
        public string id { get; init; } = "";
        public DateTime? used_on { get; init; }
        public int used_today { get; init; }
        public DateTime? last_used_at { get; init; }
        public DateTime? rested_until { get; init; }
        public bool[] recent_answered { get; init; } = [];

        public CallerNumberUsage ToUsage(DateOnly today) => new(
            id,
            used_on is { } on && DateOnly.FromDateTime(on) == today ? used_today : 0,
            last_used_at is { } last ? new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc)) : null,
            rested_until is { } rested ? new DateTimeOffset(DateTime.SpecifyKind(rested, DateTimeKind.Utc)) : null,
            recent_answered);
    }
}
