using AutoDialer.Core.Campaigns;
using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Campaigns;

/// <summary>
/// Reads a campaign's attempts for the dashboard: the filtered table, calls per hour of a day, and the recent dialling
/// rate. Every query walks the (campaign_id, created_at) index from one end, so its cost follows the rows it returns.
/// </summary>
internal sealed class AttemptLog(NpgsqlDataSource dataSource)
{
    public const int MaxLimit = 500;

    // How many recent attempts the dialling rate is measured over: enough to smooth out single slow calls, few
    // enough that reading them stays a short index walk on the busiest campaign.
    private const int RateSample = 500;

    public async Task<IReadOnlyList<AttemptRow>> SearchAsync(AttemptFilter filter, CancellationToken cancellationToken = default)
    {
        var digits = filter.Phone is null ? null : new string(filter.Phone.Where(char.IsAsciiDigit).ToArray());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AttemptRow>(new CommandDefinition("""
            select a.id as Id, a.contact_id as ContactId, a.provider_account as ProviderAccount, a.agent_id as AgentId, a.phone as Phone,
                   a.caller_number as CallerNumber, a.status as Status, a.outcome as Outcome, a.ring_seconds as RingSeconds,
                   a.talk_seconds as TalkSeconds, a.vendor_code as VendorCode, a.vendor_message as VendorMessage,
                   a.created_at as CreatedAt, a.settled_at as SettledAt,
                   a.disposition_code as Disposition, a.disposition_note as DispositionNote, a.disposed_at as DisposedAt, a.callback_at as CallbackAt,
                   c.state as ContactState, c.wait_reason as ContactWaitReason, c.next_due_at as ContactNextDueAt
            from (select * from attempts
            where campaign_id = @campaignId
              and (@outcome::text is null or outcome = @outcome)
              and (@status::text is null or status = @status)
              and (@agentId::text is null or agent_id = @agentId)
              and (@digits::text is null or phone like '%' || @digits || '%')
              and (@from::timestamptz is null or created_at >= @from)
              and (@until::timestamptz is null or created_at < @until)
            order by created_at desc, id desc
            limit @limit offset @offset) a
            left join contacts c on c.id = a.contact_id
            order by a.created_at desc, a.id desc
            """, new
        {
            campaignId = filter.CampaignId,
            outcome = filter.Outcome,
            status = filter.Status,
            agentId = filter.AgentId,
            digits = string.IsNullOrEmpty(digits) ? null : digits,
            from = filter.From?.UtcDateTime,
            until = filter.Until?.UtcDateTime,
            limit = Math.Clamp(filter.Limit, 1, MaxLimit),
            offset = Math.Max(0, filter.Offset),
        }, cancellationToken: cancellationToken));
        var now = DateTimeOffset.UtcNow;
        return rows.Select(r => r with
        {
            ContactWaitReason = r.ContactState is { } state && r.ContactNextDueAt is { } due
                ? DialDiagnosis.ForContact(ContactStates.Parse(state), r.ContactWaitReason, new DateTimeOffset(DateTime.SpecifyKind(due, DateTimeKind.Utc)), now)
                : null,
        }).ToList();
    }

    /// <summary>Attempts per local hour (0–23) of <paramref name="day"/> in <paramref name="timeZone"/>; hours without calls are absent.</summary>
    public async Task<IReadOnlyList<HourlyCalls>> CallsPerHourAsync(long campaignId, DateOnly day, string timeZone, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<HourlyCalls>(new CommandDefinition($"""
            select extract(hour from created_at at time zone @timeZone)::int as Hour, count(*) as Attempts,
                   count(*) filter (where outcome = '{CallOutcomes.Answered}') as Answered
            from attempts
            where campaign_id = @campaignId
              and created_at >= (@day::timestamp at time zone @timeZone)
              and created_at < ((@day::timestamp + interval '1 day') at time zone @timeZone)
            group by 1 order by 1
            """, new { campaignId, day = day.ToDateTime(TimeOnly.MinValue), timeZone }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<DialingRate> RateAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var sample = await connection.QuerySingleAsync<(long Count, DateTime? First, DateTime? Last)>(new CommandDefinition("""
            select count(*), min(created_at), max(created_at)
            from (select created_at from attempts where campaign_id = @campaignId order by created_at desc limit @sample) recent
            """, new { campaignId, sample = RateSample }, cancellationToken: cancellationToken));
        if (sample.Count == 0 || sample.Last is not { } last) return DialingRate.None;
        var span = (last - sample.First!.Value).TotalSeconds;
        var rate = sample.Count > 1 && span > 0 ? (sample.Count - 1) / span : 0;
        return new DialingRate((int)sample.Count, rate, new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc)));
    }
}
