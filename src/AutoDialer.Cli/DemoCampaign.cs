using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Import;

namespace AutoDialer.Cli;

/// <summary>
/// The demo's campaign: a generated list of Chinese contacts, every simulated agent assigned, the simulator's trunk
/// numbers rotated round robin, always open, and retry delays of minutes (simulated) so the campaign runs to the end.
/// </summary>
internal static class DemoCampaign
{
    public const string TimeZone = "Asia/Shanghai";

    public static CampaignSettings Settings(IReadOnlyList<string> agentIds, string providerAccount) => new()
    {
        Schedule = CallingSchedule.Always(TimeZone),
        Retry = new RetryPolicy
        {
            MaxAttempts = 3,
            MaxAttemptsPerDay = 3,
            Delays = new Dictionary<CallOutcome, TimeSpan>
            {
                [CallOutcome.Busy] = TimeSpan.FromMinutes(2),
                [CallOutcome.NoAnswer] = TimeSpan.FromMinutes(5),
                [CallOutcome.Rejected] = TimeSpan.FromMinutes(5),
                [CallOutcome.Failed] = TimeSpan.FromMinutes(1),
                [CallOutcome.Unknown] = TimeSpan.FromMinutes(2),
            },
        },
        // Off: every demo dials the same generated (fictional) numbers, so caps per callee across campaigns would make a
        // second demo wait days of simulated time for the first one's dials to age. Benches set their own (BenchCampaign).
        FrequencyCaps = FrequencyCaps.Off,
        Rotation = new RotationPolicy { Kind = RotationKind.RoundRobin },
        CallerNumbers =
        [
            new CallerNumber("trunk-1", "+862161230001", "021"),
            new CallerNumber("trunk-2", "+862161230002", "021"),
        ],
        AgentIds = agentIds,
        ProviderAccount = providerAccount,
    };

    public static async Task<(Campaign Campaign, ImportResult Import)> CreateAsync(CampaignStore campaigns, ContactListImporter importer,
        string listPath, IReadOnlyList<string> agentIds, string providerAccount, CancellationToken cancellationToken, string? name = null)
    {
        name ??= $"demo-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
        var campaign = await campaigns.CreateAsync(name, Settings(agentIds, providerAccount), cancellationToken: cancellationToken);
        var import = await importer.ImportAsync(listPath, name, null, cancellationToken);
        campaign = await campaigns.TransitionAsync(campaign.Id, CampaignCommand.Start, cancellationToken: cancellationToken);
        return (campaign, import);
    }
}
