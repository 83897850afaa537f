using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>
/// Counts the complaint and wrong-number dispositions among caller numbers' recent calls, from the attempts
/// themselves (each keeps the caller number it showed and its last disposition): the board shows them, settlement rests a
/// number by them. A rest does not clear them: they stay the reason shown while it rests.
/// </summary>
internal static class CallerNumberDispositions
{
    /// <summary>
    /// Each number's last attempts, newest first by <c>attempts_by_caller_number</c> (migration 031); a live one too, so a
    /// disposition recorded during the call counts at once. Which codes are complaints is the campaign's settings' word,
    /// passed as a comma-separated list (codes are <c>[a-z0-9_]</c>). Reads only; locks nothing.
    /// </summary>
    private const string CountSql = """
        select w.campaign_id as CampaignId, w.number_id as NumberId,
               count(*) filter (where a.disposition_code = any(string_to_array(w.complaint_codes, ',')))::int as Complaints,
               count(*) filter (where a.disposition_effect = @wrongNumber)::int as WrongNumbers
        from unnest(@campaigns, @numbers, @sizes, @complaintCodes) as w(campaign_id, number_id, size, complaint_codes)
        cross join lateral (
            select a.disposition_code, a.disposition_effect from attempts a
            where a.campaign_id = w.campaign_id and a.caller_number_id = w.number_id
            order by a.created_at desc
            limit w.size) a
        group by w.campaign_id, w.number_id
        """;

    /// <summary>The counts of each of <paramref name="windows"/>; a number with no call has none.</summary>
    public static async Task<IReadOnlyDictionary<(long CampaignId, string NumberId), DispositionCounts>> ReadAsync(NpgsqlConnection connection,
        IReadOnlyList<DispositionWindow> windows, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
            return new Dictionary<(long, string), DispositionCounts>();
        var rows = await connection.QueryAsync<(long CampaignId, string NumberId, int Complaints, int WrongNumbers)>(new CommandDefinition(CountSql, new
        {
            campaigns = windows.Select(w => w.CampaignId).ToArray(),
            numbers = windows.Select(w => w.NumberId).ToArray(),
            sizes = windows.Select(w => w.Size).ToArray(),
            complaintCodes = windows.Select(w => string.Join(',', w.ComplaintCodes)).ToArray(),
            wrongNumber = DispositionEffect.WrongNumber.ToName(),
        }, transaction, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => (r.CampaignId, r.NumberId), r => new DispositionCounts(r.Complaints, r.WrongNumbers));
    }

    /// <summary>The counts of <paramref name="key"/>, none when it has no call.</summary>
    public static DispositionCounts Of(this IReadOnlyDictionary<(long CampaignId, string NumberId), DispositionCounts> counts, (long, string) key)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts.TryGetValue(key, out var found) ? found : DispositionCounts.None;
    }
}
