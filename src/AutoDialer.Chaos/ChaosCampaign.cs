using AutoDialer.Cli;
using AutoDialer.Core.Callbacks;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Import;
using Npgsql;

namespace AutoDialer.Chaos;

/// <summary>The chaos run's campaigns: two over one generated list, retries seconds apart so contacts use their whole
/// budget within the run, a budget of three (the first's lowered to two while it runs), frequency caps on (3 a day over
/// both campaigns, so the caps bind before the two budgets are spent).</summary>
internal static class ChaosCampaign
{
    public const string Name = "chaos";

    /// <summary>The second campaign, over the same numbers.</summary>
    public const string SecondName = "chaos-2";

    public const string Account = "udesk-chaos";

    public const int InitialBudget = 3;

    /// <summary>The demo's settings (caller numbers, rotation, always open) with retries seconds apart and caps on.</summary>
    public static CampaignSettings Settings(IReadOnlyList<string> agentIds, int maxAttempts = InitialBudget) =>
        DemoCampaign.Settings(agentIds, Account) with
        {
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
            // The pages ask for callbacks seconds ahead: a short grace lets a run see callbacks go to other agents too.
            Callbacks = new CallbackPolicy { OwnerGrace = OwnerGrace },
        };

    /// <summary>How long a callback waits for its owner in the chaos run (the product's default is 10 minutes).</summary>
    public static readonly TimeSpan OwnerGrace = TimeSpan.FromSeconds(5);

    /// <summary>Two running campaigns over the same list (the same numbers) and the same agents: the operator changes the
    /// first; the second only stops at the end. Returns their ids, the first first.</summary>
    public static async Task<IReadOnlyList<long>> CreateAsync(NpgsqlDataSource dataSource, string workDirectory, ChaosOptions options,
        IReadOnlyList<string> agentIds, CancellationToken cancellationToken)
    {
        var list = Path.Combine(workDirectory, "contacts.csv");
        new SampleListGenerator(options.Seed).Write(list, options.Contacts);
        var campaigns = new CampaignStore(dataSource);
        var ids = new List<long>();
        foreach (var name in new[] { Name, SecondName })
        {
            var campaign = await campaigns.CreateAsync(name, Settings(agentIds), cancellationToken: cancellationToken);
            await new ContactListImporter(dataSource).ImportAsync(list, name, null, cancellationToken);
            await campaigns.TransitionAsync(campaign.Id, CampaignCommand.Start, cancellationToken: cancellationToken);
            ids.Add(campaign.Id);
        }

        return ids;
    }
}
