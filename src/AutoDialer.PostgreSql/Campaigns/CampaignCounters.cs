using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Campaigns;

/// <summary>
/// Reads the counters the database keeps per campaign (sharded rows, summed here), so progress costs the same for
/// ten contacts as for ten million: never a count over contacts.
/// </summary>
internal sealed class CampaignCounters(NpgsqlDataSource dataSource)
{
    private const string ProgressSql = $"""
        select c.id as CampaignId, c.state as State,
               coalesce(k.contacts, 0) as Contacts, coalesce(k.pending, 0) as Pending, coalesce(k.dialing, 0) as Dialing,
               coalesce(k.deferred, 0) as Deferred, coalesce(k.suppressed, 0) as Suppressed, coalesce(k.done, 0) as Done,
               coalesce(o.answered, 0) as Answered
        from campaigns c
        left join (select campaign_id, sum(contacts)::bigint contacts, sum(pending)::bigint pending, sum(dialing)::bigint dialing,
                          sum(deferred)::bigint deferred, sum(suppressed)::bigint suppressed, sum(done)::bigint done
                   from campaign_counters group by campaign_id) k on k.campaign_id = c.id
        left join (select campaign_id, sum(attempts)::bigint answered
                   from campaign_outcomes where outcome = '{CallOutcomes.Answered}' group by campaign_id) o on o.campaign_id = c.id
        """;

    public async Task<CampaignProgress?> ProgressAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The campaign filter is pushed into both aggregates, so each reads only that campaign's few shard rows.
        var row = await connection.QuerySingleOrDefaultAsync<ProgressRow>(new CommandDefinition(
            ProgressSql + " where c.id = @campaignId", new { campaignId }, cancellationToken: cancellationToken));
        return row?.ToProgress();
    }

    public async Task<IReadOnlyDictionary<long, CampaignProgress>> ProgressOfAllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ProgressRow>(new CommandDefinition(ProgressSql, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToProgress()).ToDictionary(r => r.CampaignId);
    }

    /// <summary>Attempts per outcome (settled attempts only).</summary>
    public async Task<IReadOnlyDictionary<string, long>> OutcomesAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Outcome, long Attempts)>(new CommandDefinition("""
            select outcome, sum(attempts)::bigint from campaign_outcomes where campaign_id = @campaignId
            group by outcome having sum(attempts) <> 0 order by outcome
            """, new { campaignId }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Outcome, r => r.Attempts);
    }

    /// <summary>Attempts per disposition code recorded by agents (<c>campaign_dispositions</c>, kept as dispositions are recorded).</summary>
    public async Task<IReadOnlyDictionary<string, long>> DispositionsAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Code, long Attempts)>(new CommandDefinition("""
            select code, attempts from campaign_dispositions where campaign_id = @campaignId and attempts <> 0 order by code
            """, new { campaignId }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Code, r => r.Attempts, StringComparer.Ordinal);
    }

    /// <summary>
    /// Per disposition code, the campaign's calls made on <paramref name="day"/> (midnight to midnight in
    /// <paramref name="timeZone"/>, as the daily report counts them) that carry it; through the (campaign_id, created_at)
    /// index. Locks nothing.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> DispositionsOfDayAsync(long campaignId, DateOnly day, string timeZone,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Code, long Attempts)>(new CommandDefinition("""
            select disposition_code, count(*) from attempts
            where campaign_id = @campaignId and disposition_code is not null
              and created_at >= (@day::timestamp at time zone @timeZone)
              and created_at < ((@day::timestamp + interval '1 day') at time zone @timeZone)
            group by disposition_code
            """, new { campaignId, day = day.ToDateTime(TimeOnly.MinValue), timeZone }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Code, r => r.Attempts, StringComparer.Ordinal);
    }

    /// <summary>A campaign's counters as <see cref="ProgressSql"/> reads them (Dapper maps by column name).</summary>
    private sealed record ProgressRow(long CampaignId, string State, long Contacts, long Pending, long Dialing, long Deferred, long Suppressed, long Done,
        long Answered)
    {
        public CampaignProgress ToProgress() =>
            new(CampaignId, CampaignStates.Parse(State), Contacts, Pending, Dialing, Deferred, Suppressed, Done, Answered);
    }
}
