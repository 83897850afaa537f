using AutoDialer.Core.Callbacks;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispositions;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.Settlement;

/// <summary>The contact's next state from the vendor's hang-up and the agent's disposition together.</summary>
public class DispositionSettlementTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly CampaignSettings Settings = CampaignSettings.Default("Asia/Shanghai");

    private static readonly AttemptFacts Answered = new(AttemptStatus.Settled, CallOutcome.Answered, IsLatestOfContact: true);
    private static readonly ContactFacts Done = new(ContactState.Done, 1, 1, false);

    private static StoredDisposition D(DispositionEffect effect, DateTimeOffset? due = null) => new("code", effect, due, "a1", Now);

    private static SettlementDecision Dispose(StoredDisposition disposition, AttemptFacts? attempt = null, ContactFacts? contact = null) =>
        SettlementRules.DecideDisposition(attempt ?? Answered, contact ?? Done, disposition, Settings, Now);

    public static IEnumerable<object[]> Table() => new TheoryData<DispositionEffect, int?, ContactState, int?>()
    {
        // effect, due in hours, the contact's next state, due in hours
        { DispositionEffect.FinalSuccess, null, ContactState.Done, null },
        { DispositionEffect.FinalFailure, null, ContactState.Done, null },
        { DispositionEffect.WrongNumber, null, ContactState.Done, null },
        { DispositionEffect.DoNotCall, null, ContactState.Suppressed, null },
        { DispositionEffect.RetryAfter, 1, ContactState.Pending, 1 },
        { DispositionEffect.Callback, 5, ContactState.Pending, 5 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    internal void An_answered_call_s_contact_goes_where_the_disposition_says(DispositionEffect effect, int? dueInHours, ContactState state, int? nextDueInHours)
    {
        var decision = Dispose(D(effect, dueInHours is { } h ? Now.AddHours(h) : null));

        Assert.Equal(state, decision.Contact?.State);
        Assert.Equal(nextDueInHours is { } n ? Now.AddHours(n) : null, decision.Contact?.Due);
    }

    [Fact]
    public void Do_not_call_puts_the_number_on_the_list_at_once()
    {
        var decision = Dispose(D(DispositionEffect.DoNotCall));

        Assert.True(decision.AddsToDoNotCallList);
        Assert.False(Dispose(D(DispositionEffect.WrongNumber)).AddsToDoNotCallList);
    }

    [Fact]
    public void Do_not_call_recorded_during_the_call_still_goes_on_the_list_and_the_hang_up_suppresses_the_contact()
    {
        var live = new AttemptFacts(AttemptStatus.Placed, null, IsLatestOfContact: true);
        var dialling = new ContactFacts(ContactState.Dialing, 1, 1, false);

        var during = Dispose(D(DispositionEffect.DoNotCall), live, dialling);
        var hangUp = SettlementRules.Decide(live with { Disposition = D(DispositionEffect.DoNotCall) }, dialling,
            new ReportedOutcome(CallOutcome.Answered), Settings, Now);

        Assert.True(during.AddsToDoNotCallList);
        Assert.Null(during.Contact);
        Assert.Equal(new ContactChange(ContactState.Suppressed), hangUp.Contact);
    }

    [Fact]
    public void A_callback_is_owned_by_the_agent_who_asked_for_it_for_the_campaign_s_grace()
    {
        var at = Now.AddHours(5);

        var decision = Dispose(D(DispositionEffect.Callback, at));

        Assert.Equal(new ContactChange(ContactState.Pending, at, Callback: new ScheduledCallback(at, "a1", at + Settings.Callbacks.OwnerGrace)), decision.Contact);
    }

    [Fact]
    public void Wrong_number_is_final_even_with_budget_left()
    {
        var decision = Dispose(D(DispositionEffect.WrongNumber), contact: new ContactFacts(ContactState.Pending, 1, 1, false));

        Assert.Equal(new ContactChange(ContactState.Done), decision.Contact);
    }

    [Fact]
    public void A_retry_past_the_budget_is_done_and_past_the_day_s_cap_deferred()
    {
        Assert.Equal(ContactState.Done, Dispose(D(DispositionEffect.RetryAfter, Now.AddHours(1)), contact: new ContactFacts(ContactState.Done, 3, 1, false)).Contact?.State);
        Assert.Equal(ContactState.Deferred, Dispose(D(DispositionEffect.RetryAfter, Now.AddHours(1)), contact: new ContactFacts(ContactState.Done, 2, 2, false)).Contact?.State);
    }

    [Fact]
    public void A_callback_to_a_number_now_on_the_do_not_call_list_is_suppressed()
    {
        var decision = Dispose(D(DispositionEffect.Callback, Now.AddHours(1)), contact: new ContactFacts(ContactState.Done, 1, 1, OnDoNotCallList: true));

        Assert.Equal(new ContactChange(ContactState.Suppressed), decision.Contact);
    }

    [Fact]
    public void The_vendor_s_dead_number_outweighs_the_agent_s_retry()
    {
        var invalid = new AttemptFacts(AttemptStatus.Settled, CallOutcome.Invalid, IsLatestOfContact: true);

        Assert.Equal(new ContactChange(ContactState.Done), Dispose(D(DispositionEffect.RetryAfter, Now.AddHours(1)), invalid).Contact);
    }

    [Fact]
    public void A_disposition_of_an_attempt_no_longer_its_contact_s_latest_moves_nothing_but_is_kept()
    {
        var older = Answered with { IsLatestOfContact = false };

        var decision = Dispose(D(DispositionEffect.FinalSuccess), older);

        Assert.Null(decision.Contact);
        Assert.NotNull(decision.Disposition);
    }

    [Fact]
    public void An_answered_call_waits_for_its_disposition_in_wrap_up_only_where_the_campaign_says_so()
    {
        var live = new AttemptFacts(AttemptStatus.Placed, null, IsLatestOfContact: true);
        var dialling = new ContactFacts(ContactState.Dialing, 1, 1, false);
        var waiting = Settings with { Dispositions = new DispositionPolicy { WaitInWrapUp = true, WrapUpTimeout = TimeSpan.FromMinutes(2) } };

        Assert.Equal(Now.AddMinutes(2), SettlementRules.Decide(live, dialling, new ReportedOutcome(CallOutcome.Answered), waiting, Now).WrapUpUntil);
        Assert.Null(SettlementRules.Decide(live, dialling, new ReportedOutcome(CallOutcome.Answered), Settings, Now).WrapUpUntil);
        Assert.Null(SettlementRules.Decide(live, dialling, new ReportedOutcome(CallOutcome.NoAnswer), waiting, Now).WrapUpUntil);
        Assert.True(Dispose(D(DispositionEffect.FinalSuccess)).EndsWrapUp);
    }
}
