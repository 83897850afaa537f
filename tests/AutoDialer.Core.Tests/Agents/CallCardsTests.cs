using AutoDialer.Core.Agents;
using AutoDialer.Core.Callbacks;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispositions;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.Agents;

/// <summary>The screen pop: only what the campaign marks visible leaves the server.</summary>
public class CallCardsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly Dictionary<string, string> Attributes = new()
    {
        ["plan"] = "gold",
        ["id_card"] = "110101199003070000",
        ["city"] = "上海",
    };

    private static CallCardFacts Facts(ScheduledCallback? callback = null) =>
        new(101, 7, "Renewals", "张三", "13800000001", Attributes, 2, callback, null, [new EarlierAttempt(Now.AddDays(-1), "no_answer", null)]);

    [Fact]
    public void Only_the_attributes_the_campaign_marks_visible_are_on_the_card_in_its_order()
    {
        var settings = CampaignSettings.Default("Asia/Shanghai") with { AgentVisibleAttributes = ["city", "plan", "not_on_this_contact"] };

        var card = CallCards.Build(Facts(), settings);

        Assert.Equal([new("city", "上海"), new("plan", "gold")], card.Attributes.ToList());
        Assert.DoesNotContain(card.Attributes.Values, value => value.Contains("110101", StringComparison.Ordinal));
    }

    [Fact]
    public void A_campaign_that_marks_none_shows_no_attribute()
    {
        Assert.Empty(CallCards.Build(Facts(), CampaignSettings.Default("Asia/Shanghai")).Attributes);
    }

    [Fact]
    public void The_card_has_the_attempt_out_of_the_budget_the_earlier_outcomes_and_the_campaign_s_codes()
    {
        var settings = CampaignSettings.Default("Asia/Shanghai") with { Retry = new RetryPolicy { MaxAttempts = 4 } };

        var card = CallCards.Build(Facts(), settings);

        Assert.Equal((2, 4), (card.AttemptNumber, card.AttemptBudget));
        Assert.Equal("no_answer", Assert.Single(card.Earlier).Outcome);
        Assert.Equal(DispositionPolicy.DefaultCodes, card.Dispositions);
        Assert.Equal(("Renewals", "张三", "13800000001"), (card.CampaignName, card.ContactName, card.Number));
    }

    [Fact]
    public void A_callback_s_card_says_so_and_counts_the_callback_s_extra_attempts()
    {
        var settings = CampaignSettings.Default("Asia/Shanghai");
        var callback = ScheduledCallback.For(Now, "a1", settings.Callbacks);

        var card = CallCards.Build(Facts(callback), settings);

        Assert.Equal(Now, card.CallbackAt);
        Assert.Equal(settings.Retry.MaxAttempts + settings.Callbacks.ExtraAttempts, card.AttemptBudget);
    }
}
