using AutoDialer.Chaos.Judging;
using AutoDialer.Core.Campaigns;

namespace AutoDialer.Chaos.Tests.Judging;

public sealed class AnsweredThenDialledRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly JudgedCampaign AnsweredFinal = new(CallingSchedule.Always("Asia/Shanghai"), AnsweredIsFinal: true,
        new HashSet<string> { "callback" }, TimeSpan.FromSeconds(10));

    private static TruthDial Dial(long id, double at) => new($"{id}", "agent-001", "13800000001", "02161230001", T0.AddSeconds(at), null);

    private static TruthEnd End(long id, double at, string outcome) => new($"{id}", outcome, 1, outcome == "answered" ? 5 : 0, T0.AddSeconds(at));

    private static DialerAttempt Attempt(long id, string outcome, long contact = 1, long campaign = 1) =>
        new(id, contact, "+8613800000001", "settled", outcome, true) { CampaignId = campaign };

    private static ChaosVerdict Judge(TruthEnd[] ends, DialerAttempt[] attempts, TruthDisposition[]? dispositions = null, JudgedCampaign? campaign = null)
    {
        var dials = new[] { Dial(1, 0), Dial(2, 60) };
        var campaigns = new Dictionary<long, JudgedCampaign> { [1] = campaign ?? AnsweredFinal, [2] = campaign ?? AnsweredFinal };
        return ChaosJudge.Judge(new TruthFile(dials, ends) { Dispositions = dispositions ?? [] }, attempts, new OperatorActions(), TimeSpan.Zero,
            campaigns: campaigns);
    }

    [Fact]
    public void A_contact_dialled_again_after_its_answered_call_is_a_violation()
    {
        var verdict = Judge([End(1, 10, "answered"), End(2, 70, "no_answer")], [Attempt(1, "unknown"), Attempt(2, "no_answer")]);

        Assert.Equal(1, verdict.DialledAfterAnswered);
        Assert.StartsWith("dialled_after_answered: contact 1 (campaign 1): call 2 ", verdict.Examples.Single(e => e.StartsWith("dialled_after_answered", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_contact_dialled_again_after_a_call_that_was_not_answered_is_not()
    {
        var verdict = Judge([End(1, 10, "no_answer"), End(2, 70, "answered")], [Attempt(1, "no_answer"), Attempt(2, "answered")]);

        Assert.Equal(0, verdict.DialledAfterAnswered);
        Assert.Equal(0, verdict.Violations);
    }

    [Fact]
    public void An_accepted_callback_for_the_answered_call_dials_the_contact_again_rightly()
    {
        var callback = new TruthDisposition("1", "agent-001", "callback", Own: true, Accepted: true, null, T0.AddSeconds(20));
        var verdict = Judge([End(1, 10, "answered"), End(2, 70, "answered")], [Attempt(1, "answered"), Attempt(2, "answered")], [callback]);

        Assert.Equal(0, verdict.DialledAfterAnswered);
    }

    [Fact]
    public void A_refused_callback_does_not_excuse_the_dial()
    {
        var callback = new TruthDisposition("1", "agent-001", "callback", Own: true, Accepted: false, "too_late", T0.AddSeconds(20));
        var verdict = Judge([End(1, 10, "answered"), End(2, 70, "answered")], [Attempt(1, "answered"), Attempt(2, "answered")], [callback]);

        Assert.Equal(1, verdict.DialledAfterAnswered);
    }

    [Fact]
    public void Where_answered_is_not_final_or_the_second_call_is_another_campaigns_nothing_is_counted()
    {
        var notFinal = AnsweredFinal with { AnsweredIsFinal = false };
        Assert.Equal(0, Judge([End(1, 10, "answered"), End(2, 70, "answered")], [Attempt(1, "answered"), Attempt(2, "answered")], campaign: notFinal)
            .DialledAfterAnswered);
        Assert.Equal(0, Judge([End(1, 10, "answered"), End(2, 70, "answered")], [Attempt(1, "answered"), Attempt(2, "answered", contact: 2, campaign: 2)])
            .DialledAfterAnswered);
    }
}
