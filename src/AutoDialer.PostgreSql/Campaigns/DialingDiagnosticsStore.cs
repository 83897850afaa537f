using System.Text.Json;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Campaigns.SetUp;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Campaigns;

/// <summary>
/// "Why isn't it dialling?" for one campaign: how many of its contacts cannot be dialled now, by reason
/// (<see cref="DialDiagnosis"/>). <see cref="ComputeAsync"/> reads the campaign's waiting contacts once (a scan,
/// meant for the background) and keeps the counts in <c>campaign_diagnostics</c>; <see cref="ReadAsync"/> reads that
/// row and the gate's refusal counters, and nothing else, so asking often costs a campaign of millions nothing.
/// </summary>
internal sealed class DialingDiagnosticsStore(NpgsqlDataSource dataSource, CampaignSettingsCache settingsCache)
{
    /// <summary>Counts every reason now and stores them; returns what it stored.</summary>
    /// <param name="caps">The frequency caps in force for the campaign.</param>
    public async Task<DialingDiagnosticsSnapshot?> ComputeAsync(long campaignId, FrequencyCaps? caps, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var campaign = await connection.QuerySingleOrDefaultAsync<(string state, string settings, string time_zone, DateTime updated_at)>(new CommandDefinition(
            "select state, settings::text, time_zone, updated_at from campaigns where id = @campaignId", new { campaignId }, cancellationToken: cancellationToken));
        if (campaign.state is null) return null;
        var settings = settingsCache.Get(campaignId, campaign.updated_at, campaign.settings, campaign.time_zone);
        caps = settings.FrequencyCaps ?? caps ?? FrequencyCaps.Default;
        var running = CampaignStates.Parse(campaign.state) == CampaignState.Running;

        await using var read = await connection.QueryMultipleAsync(new CommandDefinition($"""
            select coalesce(sum(deferred), 0)::bigint as deferred, coalesce(sum(suppressed), 0)::bigint as suppressed
            from campaign_counters where campaign_id = @campaignId;
            select wait_reason, count(*)::bigint as n from contacts
            where campaign_id = @campaignId and state = '{ContactStates.Pending}' and next_due_at > @now group by wait_reason;
            select c.timezone, exists (select 1 from dnc d where d.phone = c.phone) as on_dnc, c.attempts, c.attempts_today,
                   (@per24 > 0 and (select count(*) from callee_dials x where x.phone = c.phone and x.dialled_at > @day) >= @per24)
                   or (@per7 > 0 and (select count(*) from callee_dials x where x.phone = c.phone and x.dialled_at > @week) >= @per7) as capped,
                   count(*)::bigint as n
            from contacts c
            where c.campaign_id = @campaignId and c.state = '{ContactStates.Pending}' and c.next_due_at <= @now
            group by 1, 2, 3, 4, 5;
            """, new
        {
            campaignId, now = now.ToUniversalTime(), day = (now - TimeSpan.FromDays(1)).ToUniversalTime(), week = (now - TimeSpan.FromDays(7)).ToUniversalTime(),
            per24 = caps.Per24Hours, per7 = caps.Per7Days,
        }, commandTimeout: 0, cancellationToken: cancellationToken));
        var (deferred, suppressed) = await read.ReadSingleAsync<(long deferred, long suppressed)>();
        var counts = DialDiagnosis.Reasons.Append(DialDiagnosis.Ready).ToDictionary(r => r, _ => 0L, StringComparer.Ordinal);
        counts[DialRefusal.DailyCap.ToName()] += deferred;
        counts[DialRefusal.DoNotCall.ToName()] += suppressed;
        foreach (var (waitReason, n) in await read.ReadAsync<(string? wait_reason, long n)>())
            Add(DialDiagnosis.ForWaiting(running, waitReason), n);
        foreach (var group in await read.ReadAsync<(string? timezone, bool on_dnc, int attempts, int attempts_today, bool capped, long n)>())
            Add(DialDiagnosis.ForDue(running, group.on_dnc, group.attempts, group.attempts_today, group.timezone, group.capped, settings, now), group.n);

        var snapshot = new DialingDiagnosticsSnapshot(campaignId, now, counts);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into campaign_diagnostics (campaign_id, computed_at, counts) values (@campaignId, @now, @counts::jsonb)
            on conflict (campaign_id) do update set computed_at = excluded.computed_at, counts = excluded.counts
            """, new { campaignId, now = now.ToUniversalTime(), counts = JsonSerializer.Serialize(counts) }, cancellationToken: cancellationToken));
        return snapshot;

        void Add(string reason, long n) => counts[reason] = counts.GetValueOrDefault(reason) + n;
    }

    /// <summary>The last stored counts, or null when none were made yet.</summary>
    public async Task<DialingDiagnosticsSnapshot?> ReadAsync(long campaignId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(DateTime computed_at, string counts)?>(new CommandDefinition(
            "select computed_at, counts::text from campaign_diagnostics where campaign_id = @campaignId", new { campaignId }, cancellationToken: cancellationToken));
        if (row is not { } stored) return null;
        return new DialingDiagnosticsSnapshot(campaignId, new DateTimeOffset(DateTime.SpecifyKind(stored.computed_at, DateTimeKind.Utc)),
            JsonSerializer.Deserialize<Dictionary<string, long>>(stored.counts)!);
    }

    /// <summary>The dial gate's refusals of this campaign so far, by stage (<see cref="DialGateStages"/>) and reason (<see cref="DialRefusals"/>).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>> RefusalsAsync(long campaignId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string stage, string reason, long refusals)>(new CommandDefinition(
            "select stage, reason, refusals from dial_gate_refusals where campaign_id = @campaignId", new { campaignId }, cancellationToken: cancellationToken));
        return rows.GroupBy(r => r.stage).ToDictionary(g => g.Key,
            g => (IReadOnlyDictionary<string, long>)g.ToDictionary(r => r.reason, r => r.refusals, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>
    /// The campaign's make-calls since <paramref name="since"/> that the vendor answered: how many it placed, and the
    /// codes of those it refused (settled without a call id). A range of <c>attempts_campaign_day</c>.
    /// </summary>
    public async Task<MakeCallFacts> RecentMakeCallsAsync(long campaignId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(bool placed, string? code, int calls)>(new CommandDefinition($"""
            select call_id is not null, case when call_id is null then vendor_code end, count(*)::int
            from attempts
            where campaign_id = @campaignId and created_at >= @since
              and (call_id is not null or (status = '{AttemptStatuses.Settled}' and vendor_code is not null))
            group by 1, 2
            """, new { campaignId, since = since.UtcDateTime }, cancellationToken: cancellationToken));
        return new MakeCallFacts(rows.Where(r => r.placed).Sum(r => r.calls),
            rows.Where(r => !r.placed).ToDictionary(r => r.code!, r => r.calls, StringComparer.Ordinal));
    }
}
