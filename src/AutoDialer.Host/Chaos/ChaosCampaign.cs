using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dialing;
using AutoDialer.Host.Bench;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Import;
using Npgsql;

namespace AutoDialer.Host.Chaos;

/// <summary>The chaos run's campaign: a generated list, retries seconds apart so contacts use their whole budget
/// within the run, a budget of three lowered to two while it runs, frequency caps on.</summary>
internal static class ChaosCampaign
{
    public const string Name = "chaos";

    public const string Account = "udesk-chaos";

    public const int InitialBudget = 3;

    public static CampaignSettings Settings(IReadOnlyList<string> agentIds, int maxAttempts = InitialBudget) => new()
    {
        Schedule = CallingSchedule.Always("Asia/Shanghai"),
        Retry = new RetryPolicy
        {
            MaxAttempts = maxAttempts,
            MaxAttemptsPerDay = InitialBudget,
            Delays = new Dictionary<CallOutcome, TimeSpan>
            {
                [CallOutcome.Busy] = TimeSpan.FromSeconds(3),
                [CallOutcome.NoAnswer] = TimeSpan.FromSeconds(4),
                [CallOutcome.Rejected] = TimeSpan.FromSeconds(4),
                [CallOutcome.Failed] = TimeSpan.FromSeconds(2),
                [CallOutcome.Unknown] = TimeSpan.FromSeconds(4),
            },
        },
        FrequencyCaps = new FrequencyCaps { Per24Hours = InitialBudget, Per7Days = 5 },
        Rotation = new RotationPolicy { Kind = RotationKind.RoundRobin },
        CallerNumbers =
        [
            new CallerNumber("trunk-1", "+862161230001", "021"),
            new CallerNumber("trunk-2", "+862161230002", "021"),
        ],
        AgentIds = agentIds,
        ProviderAccount = Account,
    };

    public static async Task<long> CreateAsync(NpgsqlDataSource dataSource, string workDirectory, ChaosOptions options, IReadOnlyList<string> agentIds,
        CancellationToken cancellationToken)
    {
        var list = Path.Combine(workDirectory, "contacts.csv");
        new SampleListGenerator(options.Seed).Write(list, options.Contacts);
        var campaigns = new CampaignStore(dataSource);
        var campaign = await campaigns.CreateAsync(Name, Settings(agentIds), cancellationToken);
        await new ContactListImporter(dataSource).ImportAsync(list, Name, null, cancellationToken);
        await campaigns.TransitionAsync(campaign.Id, CampaignCommand.Start, cancellationToken);
        return campaign.Id;
    }
}
