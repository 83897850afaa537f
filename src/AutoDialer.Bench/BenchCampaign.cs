using AutoDialer.Cli;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.PostgreSql.Campaigns;
using Dapper;
using Npgsql;

namespace AutoDialer.Bench;

/// <summary>A running campaign for a bench, with the demo's settings, and a contact list row its contacts can point at.</summary>
internal static class BenchCampaign
{
    public static async Task<(long CampaignId, long ListId)> CreateAsync(NpgsqlDataSource dataSource, string work, CampaignSettings settings,
        CancellationToken cancellationToken)
    {
        var store = new CampaignStore(dataSource);
        var campaign = await store.CreateAsync($"bench-{work}", settings, cancellationToken: cancellationToken);
        await store.TransitionAsync(campaign.Id, CampaignCommand.Start, cancellationToken: cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var listId = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            insert into contact_lists (campaign_id, file_name, content_sha256, encoding, delimiter, header, rows, accepted)
            values (@campaignId, 'bench.csv', sha256(convert_to(@campaignId::text, 'UTF8')), 'utf-8', ',', '{phone,name}', 0, 0)
            returning id
            """, new { campaignId = campaign.Id }, cancellationToken: cancellationToken));
        return (campaign.Id, listId);
    }

    /// <summary>The demo's settings with frequency caps on (each bench has a database of its own, so no earlier run's dials count).</summary>
    public static CampaignSettings Settings(IReadOnlyList<string> agentIds, string account) =>
        DemoCampaign.Settings(agentIds, account) with { FrequencyCaps = new FrequencyCaps { Per24Hours = 3, Per7Days = 5 } };

    /// <summary>Chinese mobile numbers, one per <c>g</c>; the SQL expression for generate_series rows.</summary>
    public const string PhoneSql = "'+86138' || lpad(g::text, 8, '0')";
}
