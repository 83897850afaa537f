using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;

namespace AutoDialer.Host.Demo;

/// <summary>
/// What the database holds of the simulated agents' side of the demo's calls, set beside what the agents did: the
/// dispositions stored by code, the ones the agents were told were recorded but that no attempt carries (must be none),
/// the ones missing from the audit trail (must be none), and the callbacks dialled.
/// </summary>
internal sealed record DemoAgentSide(IReadOnlyDictionary<string, long> Stored, long NotStored, long NotAudited, long CallbacksDialled)
{
    /// <summary>
    /// One read of the campaign's attempts and of the audit entries of <paramref name="recordedFor"/>'s calls (the
    /// attempts the simulated agents' dispositions were accepted for). Locks nothing.
    /// </summary>
    private const string Sql = $"""
        select disposition_code, count(*) from attempts where campaign_id = @campaignId and disposition_code is not null group by 1 order by 1;
        select count(*) from unnest(@ids) as r(id) left join attempts a on a.id = r.id where a.disposition_code is null;
        select count(*) from unnest(@ids) as r(id)
        where not exists (select 1 from audit_entries e where e.campaign_id = @campaignId and e.action = '{AuditActions.DispositionRecord}'
                          and e.target_type = '{AuditTargets.Attempt}' and e.target_id = r.id::text);
        select count(*) from attempts where campaign_id = @campaignId and callback_at is not null;
        """;

    public static async Task<DemoAgentSide> ReadAsync(NpgsqlConnection connection, long campaignId, IReadOnlyCollection<long> recordedFor)
    {
        await using var reads = await connection.QueryMultipleAsync(Sql, new { campaignId, ids = recordedFor.ToArray() });
        var stored = (await reads.ReadAsync<(string Code, long Calls)>()).ToDictionary(r => r.Code, r => r.Calls, StringComparer.Ordinal);
        return new DemoAgentSide(stored, await reads.ReadSingleAsync<long>(), await reads.ReadSingleAsync<long>(), await reads.ReadSingleAsync<long>());
    }
}
