using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.PostgreSql.Settlement;
using AutoDialer.Testing;

namespace AutoDialer.PostgreSql.Tests.Dispatch;

/// <summary>A caller number's health from its settled calls: short answered calls and rejects beside the answer rate, flagged past the campaign's thresholds.</summary>
[Collection("postgres")]
public sealed class CallerNumberHealthTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Short_calls_and_rejects_are_counted_per_number_and_flagged_past_the_campaigns_thresholds()
    {
        var dataSource = await postgres.CreateDatabaseAsync("caller_number_health");
        string[] agents = ["a1", "a2", "a3", "a4"];
        var settings = DialingSeed.Settings(agents, [new CallerNumber("n1", "+862161230001", "021")]) with
        {
            FrequencyCaps = FrequencyCaps.Off,
            // Resting off (0): the figures are read as they are, not cleared by a rest.
            Rotation = new RotationPolicy { Kind = RotationKind.RoundRobin, MinAnswerRate = 0, Health = new NumberHealthPolicy { MinCalls = 4 } },
        };
        var campaign = await DialingSeed.RunningAsync(dataSource, settings, 4, Now.AddMinutes(-5));
        var leases = await new DispatchStore(dataSource, new CampaignSettingsCache()).LeaseAsync(campaign, DialingSeed.Account, agents, "node-1", Now,
            CancellationToken.None);
        Assert.Equal(4, leases.Count);

        // Two answered, both of 3 seconds (short), one rejected, one no answer.
        await new SettlementStore(dataSource, new CampaignSettingsCache()).SettleAsync(
            [
                new AttemptSettlement(leases[0].AttemptId, CallOutcome.Answered, 5, 3),
                new AttemptSettlement(leases[1].AttemptId, CallOutcome.Answered, 5, 3),
                new AttemptSettlement(leases[2].AttemptId, CallOutcome.Rejected, 2, 0),
                new AttemptSettlement(leases[3].AttemptId, CallOutcome.NoAnswer, 30, 0),
            ], Now, CancellationToken.None);

        var number = Assert.Single(await new CallerNumberBoard(dataSource).ListAsync(campaign.Id));
        Assert.Equal((4, 2, 2, 1), (number.RecentCalls, number.RecentAnswered, number.RecentShort, number.RecentRejected));
        Assert.Equal((1.0, 0.25), (number.ShortCallShare, number.RejectShare));
        Assert.Equal([HealthFlags.ShortCalls], number.Flags);
    }
}
