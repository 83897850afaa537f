using System.Text.Json;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Dispositions;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>
/// Reads the caller numbers with their use today, cap, answer rate and rest, as the rotation keeps them, and their health
/// judged by their campaign's rotation policy, with the complaint and wrong-number dispositions among their recent calls.
/// </summary>
internal sealed class CallerNumberBoard(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<CallerNumberUse>> ListAsync(long? campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // used_today counts the day named by used_on (in the campaign's zone); a number not used yet today shows 0.
        var rows = (await connection.QueryAsync<CallerNumberUse>(new CommandDefinition("""
            select n.campaign_id as CampaignId, c.name as CampaignName, n.id as Id, n.number as Number, n.area_code as AreaCode,
                   case when n.daily_cap > 0 then n.daily_cap
                        else coalesce((c.settings->'rotation'->>'daily_cap')::int, 0) end as DailyCap,
                   case when n.used_on = (now() at time zone c.time_zone)::date then n.used_today else 0 end as UsedToday,
                   n.last_used_at as LastUsedAt, n.rested_until as RestedUntil,
                   coalesce(n.rested_until > now(), false) as Rested,
                   coalesce(array_length(n.recent_answered, 1), 0) as RecentCalls,
                   (select count(*) from unnest(n.recent_answered) r where r)::int as RecentAnswered,
                   case when coalesce(array_length(n.recent_answered, 1), 0) = 0 then null
                        else (select count(*) from unnest(n.recent_answered) r where r)::float8 / array_length(n.recent_answered, 1) end as AnswerRate,
                   n.calls_total as CallsTotal, n.answered_total as AnsweredTotal, n.province as Province, n.city as City,
                   (select count(*) from unnest(n.recent_short) r where r)::int as RecentShort,
                   (select count(*) from unnest(n.recent_rejected) r where r)::int as RecentRejected
            from caller_numbers n join campaigns c on c.id = n.campaign_id
            where @campaignId::bigint is null or n.campaign_id = @campaignId
            order by c.id, n.id
            """, new { campaignId }, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
            return rows;
        var settings = (await connection.QueryAsync<(long id, string? rotation, string? dispositions)>(new CommandDefinition(
            "select id, (settings->'rotation')::text, (settings->'dispositions')::text from campaigns where id = any(@ids)",
            new { ids = rows.Select(r => r.CampaignId).Distinct().ToArray() }, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.id, r => (Rotation: Read<RotationPolicy>(r.rotation), Dispositions: Read<DispositionPolicy>(r.dispositions)));
        var counts = await CallerNumberDispositions.ReadAsync(connection, rows.Select(r => DispositionWindow.Of(r.CampaignId, r.Id,
            settings[r.CampaignId].Rotation, settings[r.CampaignId].Dispositions)).ToList(), null, cancellationToken);
        return rows.Select(r =>
        {
            var (rotation, _) = settings[r.CampaignId];
            var (complaints, wrongNumbers) = counts.Of((r.CampaignId, r.Id));
            var use = r with { RecentComplaints = complaints, RecentWrongNumbers = wrongNumbers };
            return use with
            {
                Flags = CallerNumberHealthRules.Judge(use.Figures, rotation.MinAnswerRate, rotation.Health).Select(f => f.ToName()).ToList(),
            };
        }).ToList();
    }

    /// <summary>A part of a campaign's settings as stored; the defaults when it has none (or one this version cannot read).</summary>
    private static T Read<T>(string? json) where T : new()
    {
        if (json is null)
            return new T();
        try
        {
            return JsonSerializer.Deserialize<T>(json, CampaignSettings.JsonOptions) ?? new T();
        }
        catch (JsonException)
        {
            return new T();
        }
    }
}
