using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Dialing;

/// <summary>Reads a campaign's progress from the trigger-maintained counters: a few rows per campaign, whatever its size.</summary>
public sealed class DialingProgressQuery(NpgsqlDataSource dataSource)
{
    public async Task<DialingProgress> ReadAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        using var results = await connection.QueryMultipleAsync(new CommandDefinition("""
            select coalesce(sum(contacts), 0)::bigint as contacts, coalesce(sum(pending), 0)::bigint as pending,
                   coalesce(sum(dialing), 0)::bigint as dialing, coalesce(sum(deferred), 0)::bigint as deferred,
                   coalesce(sum(suppressed), 0)::bigint as suppressed, coalesce(sum(done), 0)::bigint as done
            from campaign_counters where campaign_id = @campaignId;
            select outcome, sum(attempts)::bigint as attempts from campaign_outcomes
            where campaign_id = @campaignId group by outcome having sum(attempts) <> 0;
            select count(*) from attempts where campaign_id = @campaignId and status <> 'settled';
            """, new { campaignId }, cancellationToken: cancellationToken));
        var counts = await results.ReadSingleAsync<(long contacts, long pending, long dialing, long deferred, long suppressed, long done)>();
        var outcomes = (await results.ReadAsync<(string outcome, long attempts)>()).ToDictionary(o => o.outcome, o => o.attempts);
        var live = await results.ReadSingleAsync<long>();
        return new DialingProgress(campaignId, counts.contacts, counts.pending, counts.dialing, counts.deferred, counts.suppressed,
            counts.done, live, outcomes);
    }
}
