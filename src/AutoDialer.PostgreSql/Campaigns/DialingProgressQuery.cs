using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Campaigns;

/// <summary>
/// A campaign's progress as the dialer sees it: the maintained counters and outcome counts (read through
/// <see cref="CampaignCounters"/>, never a count over contacts) plus the attempts still live.
/// </summary>
internal sealed class DialingProgressQuery(NpgsqlDataSource dataSource)
{
    private readonly CampaignCounters _counters = new(dataSource);

    public async Task<DialingProgress> ReadAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        var progress = await _counters.ProgressAsync(campaignId, cancellationToken)
            ?? throw new KeyNotFoundException($"campaign {campaignId} does not exist");
        var outcomes = await _counters.OutcomesAsync(campaignId, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var live = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from attempts where campaign_id = @campaignId and settled_at is null",
            new { campaignId }, cancellationToken: cancellationToken));
        return new DialingProgress(campaignId, progress.Contacts, progress.Pending, progress.Dialing, progress.Deferred,
            progress.Suppressed, progress.Done, live, outcomes);
    }
}
