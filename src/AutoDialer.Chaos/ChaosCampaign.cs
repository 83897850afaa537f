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

    /// <summary>When the second campaign's calling window closes, after the campaigns were created: inside the dialing
    /// phase of a 60 s run, the wait for the first call included.</summary>
    public static readonly TimeSpan SecondClosesAfter = TimeSpan.FromSeconds(60);

    /// <summary>How long the second campaign's window stays closed before it opens again.</summary>
    public static readonly TimeSpan SecondClosedFor = TimeSpan.FromSeconds(30);

    /// <summary>The settings of the first (<paramref name="index"/> 0) or second campaign created at <paramref name="createdAt"/>.</summary>
    public static CampaignSettings SettingsOf(int index, IReadOnlyList<string> agentIds, DateTimeOffset createdAt) =>
        index == 0 ? Settings(agentIds) : Settings(agentIds) with { Schedule = ClosedAWhile(createdAt + SecondClosesAfter, SecondClosedFor) };

    /// <summary>
    /// Open all the time but from <paramref name="closesAt"/> for <paramref name="closedFor"/> (in the campaign's time
    /// zone): a window that closes and opens again while the run dials, so the calling window is judged. Open all the
    /// time when that span would cross local midnight.
    /// </summary>
    public static CallingSchedule ClosedAWhile(DateTimeOffset closesAt, TimeSpan closedFor)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(DemoCampaign.TimeZone);
        var (close, open) = (TimeZoneInfo.ConvertTime(closesAt, zone), TimeZoneInfo.ConvertTime(closesAt + closedFor, zone));
        if (close.Date != open.Date) return CallingSchedule.Always(DemoCampaign.TimeZone);
        var windows = Enum.GetValues<DayOfWeek>().Where(day => day != close.DayOfWeek)
            .Select(day => new CallingWindow(day, TimeOnly.MinValue, TimeOnly.MaxValue))
            .Append(new CallingWindow(close.DayOfWeek, TimeOnly.MinValue, TimeOnly.FromDateTime(close.DateTime)))
            .Append(new CallingWindow(close.DayOfWeek, TimeOnly.FromDateTime(open.DateTime), TimeOnly.MaxValue))
            .Where(w => w.Start != w.End).ToList();
        return CallingSchedule.Create(DemoCampaign.TimeZone, windows);
    }

    /// <summary>Two running campaigns over the same list (the same numbers) and the same agents: the operator changes the
    /// first; the second only stops at the end, and its calling window closes for a while (<see cref="SettingsOf"/>).
    /// Returns their ids, the first first.</summary>
    public static async Task<IReadOnlyList<long>> CreateAsync(NpgsqlDataSource dataSource, string workDirectory, ChaosOptions options,
        IReadOnlyList<string> agentIds, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var list = Path.Combine(workDirectory, "contacts.csv");
        new SampleListGenerator(options.Seed).Write(list, options.Contacts);
        var campaigns = new CampaignStore(dataSource);
        var ids = new List<long>();
        foreach (var (name, index) in new[] { Name, SecondName }.Select((n, i) => (n, i)))
        {
            var campaign = await campaigns.CreateAsync(name, SettingsOf(index, agentIds, createdAt), cancellationToken: cancellationToken);
            await new ContactListImporter(dataSource).ImportAsync(list, name, null, cancellationToken);
            await campaigns.TransitionAsync(campaign.Id, CampaignCommand.Start, cancellationToken: cancellationToken);
            ids.Add(campaign.Id);
        }

        return ids;
    }
}
