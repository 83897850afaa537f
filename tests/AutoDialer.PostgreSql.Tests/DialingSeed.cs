using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Dispatch;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Tests;

/// <summary>A running campaign with due contacts, written the way the product writes them, for the dialing stores' tests.</summary>
internal static class DialingSeed
{
    public const string Account = "simulator";

    public static CampaignSettings Settings(IReadOnlyList<string> agents, IReadOnlyList<CallerNumber>? numbers = null, int dailyCap = 0) => new()
    {
        Schedule = CallingSchedule.Always("Asia/Shanghai"),
        Rotation = new RotationPolicy { Kind = RotationKind.RoundRobin, DailyCap = dailyCap },
        CallerNumbers = numbers ?? [new CallerNumber("trunk-1", "+862161230001", "021"), new CallerNumber("trunk-2", "+862161230002", "021")],
        AgentIds = agents,
        ProviderAccount = Account,
    };

    public static async Task<RunningCampaign> RunningAsync(NpgsqlDataSource dataSource, CampaignSettings settings, int contacts,
        DateTimeOffset due, string? contactTimeZone = null)
    {
        var store = new CampaignStore(dataSource);
        var campaign = await store.CreateAsync($"c-{Guid.NewGuid():N}", settings);
        await store.TransitionAsync(campaign.Id, CampaignCommand.Start);
        await using var connection = await dataSource.OpenConnectionAsync();
        var listId = await connection.ExecuteScalarAsync<long>("""
            insert into contact_lists (campaign_id, file_name, content_sha256, encoding, delimiter, header, rows, accepted)
            values (@campaignId, 'seed.csv', sha256(convert_to(@campaignId::text, 'UTF8')), 'utf-8', ',', '{phone}', @contacts, @contacts)
            returning id
            """, new { campaignId = campaign.Id, contacts });
        await connection.ExecuteAsync("""
            insert into contacts (campaign_id, list_id, line_no, phone, timezone, next_due_at)
            select @campaignId, @listId, g + 1, '+86138' || lpad((@campaignId * 1000 + g)::text, 8, '0'), @contactTimeZone, @due
            from generate_series(1, @contacts) g
            """, new { campaignId = campaign.Id, listId, contacts, contactTimeZone, due = due.ToUniversalTime() });
        return new RunningCampaign(campaign.Id, campaign.Name, settings);
    }
}
