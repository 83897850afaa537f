using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.Settlement;

public class SettlementRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 10, 0, 0, TimeSpan.FromHours(8));

    // The default policy: budget 3, 2 a day; answered, blacklisted and invalid are final.
    private static readonly CampaignSettings Settings = CampaignSettings.Default("Asia/Shanghai");

    [Theory]
    [InlineData(CallOutcome.NoAnswer, ContactState.Pending, 120)]
    [InlineData(CallOutcome.Busy, ContactState.Pending, 30)]
    [InlineData(CallOutcome.Unknown, ContactState.Pending, 30)]
    [InlineData(CallOutcome.Answered, ContactState.Done, null)]
    [InlineData(CallOutcome.Invalid, ContactState.Done, null)]
    internal void A_live_attempt_is_settled_and_its_contact_follows_the_retry_policy(CallOutcome outcome, ContactState state, int? dueInMinutes)
    {
        var decision = Decide(Live, Dialing(), new ReportedOutcome(outcome));

        Assert.True(decision.SettlesAttempt);
        Assert.Equal(new ContactChange(state, dueInMinutes is { } minutes ? Now.AddMinutes(minutes) : null), decision.Contact);
    }

    [Theory]
    [InlineData(2, 2, ContactState.Deferred)] // today's cap reached, budget left
    [InlineData(3, 1, ContactState.Done)] // budget used up
    // Counts a refund left inconsistent: still at least this attempt, and no more today than in all.
    [InlineData(0, 0, ContactState.Pending)]
    [InlineData(1, 2, ContactState.Pending)]
    internal void The_contacts_counts_choose_between_retry_next_day_and_done(int attempts, int today, ContactState state)
    {
        var decision = Decide(Live, new ContactFacts(ContactState.Dialing, attempts, today, false), new ReportedOutcome(CallOutcome.NoAnswer));

        Assert.Equal(state, decision.Contact?.State);
    }

    [Fact]
    public void A_call_the_provider_refused_to_place_gives_the_attempt_back_and_is_due_at_once()
    {
        var decision = Decide(Live, Dialing(), new ReportedOutcome(CallOutcome.Failed, NotDialled: true));

        Assert.Equal(new ContactChange(ContactState.Pending, Now, Refund: true), decision.Contact);
    }

    [Fact]
    public void A_refused_request_gives_the_attempt_back_and_waits_the_delay_for_failed_since_it_would_be_refused_again()
    {
        var decision = Decide(Live, Dialing(), new ReportedOutcome(CallOutcome.Failed, NotDialled: true, NotDialledDueLater: true));

        Assert.Equal(new ContactChange(ContactState.Pending, Now + RetryPolicy.DefaultDelays[CallOutcome.Failed], Refund: true), decision.Contact);
    }

    [Theory]
    [InlineData(CallOutcome.Answered)]
    [InlineData(CallOutcome.NoAnswer)]
    [InlineData(CallOutcome.Busy)]
    [InlineData(CallOutcome.Rejected)]
    [InlineData(CallOutcome.Failed)]
    [InlineData(CallOutcome.Blacklisted)]
    [InlineData(CallOutcome.Invalid)]
    internal void Unknown_never_replaces_a_known_outcome(CallOutcome known)
    {
        Assert.Equal(SettlementDecision.Unchanged, Decide(Settled(known), Contact(ContactState.Done), new ReportedOutcome(CallOutcome.Unknown)));
    }

    [Theory]
    [InlineData(CallOutcome.Answered, ContactState.Done)]
    [InlineData(CallOutcome.Busy, ContactState.Pending)]
    internal void A_known_outcome_revises_unknown_and_moves_the_contact_again(CallOutcome known, ContactState state)
    {
        // After the sweeper's unknown the contact was rescheduled (pending) and is still this attempt's.
        var decision = Decide(Settled(CallOutcome.Unknown), Contact(ContactState.Pending), new ReportedOutcome(known));

        Assert.True(decision.SettlesAttempt);
        Assert.Equal(state, decision.Contact?.State);
    }

    [Fact]
    public void The_same_outcome_again_changes_nothing()
    {
        Assert.Equal(SettlementDecision.Unchanged, Decide(Settled(CallOutcome.Busy), Contact(ContactState.Pending), new ReportedOutcome(CallOutcome.Busy)));
    }

    [Fact]
    public void A_different_known_outcome_revises_the_attempt_and_its_contact()
    {
        var decision = Decide(Settled(CallOutcome.NoAnswer), Contact(ContactState.Pending), new ReportedOutcome(CallOutcome.Answered));

        Assert.Equal(new SettlementDecision { SettlesAttempt = true, Contact = new ContactChange(ContactState.Done) }, decision);
    }

    [Theory]
    [InlineData(AttemptStatus.Dialing)]
    [InlineData(AttemptStatus.Placed)]
    [InlineData(AttemptStatus.Unknown)]
    internal void A_report_only_for_live_attempts_settles_a_live_one(AttemptStatus status)
    {
        var decision = Decide(new AttemptFacts(status, null, true), Dialing(), new ReportedOutcome(CallOutcome.Unknown, OnlyIfLive: true));

        Assert.True(decision.SettlesAttempt);
    }

    [Theory]
    [InlineData(CallOutcome.Unknown)]
    [InlineData(CallOutcome.NoAnswer)]
    [InlineData(CallOutcome.Answered)]
    internal void A_report_only_for_live_attempts_leaves_a_settled_one_alone(CallOutcome settledAs)
    {
        var decision = Decide(Settled(settledAs), Contact(ContactState.Pending), new ReportedOutcome(CallOutcome.Failed, OnlyIfLive: true));

        Assert.Equal(SettlementDecision.Unchanged, decision);
    }

    [Theory]
    [InlineData(AttemptStatus.Placed, CallOutcome.NoAnswer)]
    [InlineData(AttemptStatus.Placed, CallOutcome.Answered)]
    [InlineData(AttemptStatus.Settled, CallOutcome.Busy)]
    [InlineData(AttemptStatus.Placed, CallOutcome.Failed)]
    [InlineData(AttemptStatus.Settled, CallOutcome.Answered)]
    internal void Settlement_never_moves_a_suppressed_contact_but_records_the_calls_outcome_on_it(AttemptStatus status, CallOutcome outcome)
    {
        var attempt = new AttemptFacts(status, status == AttemptStatus.Settled ? CallOutcome.NoAnswer : null, true);

        var decision = Decide(attempt, Contact(ContactState.Suppressed, onDoNotCallList: true), new ReportedOutcome(outcome));

        Assert.True(decision.SettlesAttempt);
        // Same state, same due time, no refund: only last_outcome is written (ContactUpdate carries the outcome).
        Assert.Equal(new ContactChange(ContactState.Suppressed), decision.Contact);
    }

    [Fact]
    public void A_suppressed_contacts_unknown_call_revised_to_answered_records_answered_on_the_contact()
    {
        var decision = Decide(Settled(CallOutcome.Unknown), Contact(ContactState.Suppressed, onDoNotCallList: true), new ReportedOutcome(CallOutcome.Answered));

        Assert.True(decision.SettlesAttempt);
        Assert.Equal(new ContactChange(ContactState.Suppressed), decision.Contact);
    }

    [Theory]
    [InlineData(false, ContactState.Pending)] // a newer attempt exists and is settled
    [InlineData(false, ContactState.Dialing)]
    [InlineData(true, ContactState.Dialing)] // leased again, its attempt not written yet
    internal void A_revision_never_reopens_a_contact_leased_again(bool isLatest, ContactState state)
    {
        var decision = Decide(Settled(CallOutcome.NoAnswer, isLatest), Contact(state), new ReportedOutcome(CallOutcome.Answered));

        Assert.True(decision.SettlesAttempt);
        Assert.Null(decision.Contact);
    }

    [Theory]
    [InlineData(CallOutcome.NoAnswer, ContactState.Suppressed)]
    [InlineData(CallOutcome.Unknown, ContactState.Suppressed)]
    [InlineData(CallOutcome.Answered, ContactState.Done)]
    [InlineData(CallOutcome.Invalid, ContactState.Done)]
    internal void A_contact_whose_number_is_on_the_do_not_call_list_is_never_made_pending(CallOutcome outcome, ContactState state)
    {
        var decision = Decide(Live, Dialing(onDoNotCallList: true), new ReportedOutcome(outcome));

        Assert.Equal(new ContactChange(state), decision.Contact);
    }

    [Fact]
    public void A_contact_whose_number_is_on_the_do_not_call_list_is_never_deferred()
    {
        var decision = Decide(Live, new ContactFacts(ContactState.Dialing, 2, 2, OnDoNotCallList: true), new ReportedOutcome(CallOutcome.Busy));

        Assert.Equal(new ContactChange(ContactState.Suppressed), decision.Contact);
    }

    [Fact]
    public void A_call_not_placed_still_gives_the_attempt_back_to_a_contact_on_the_do_not_call_list()
    {
        var decision = Decide(Live, Dialing(onDoNotCallList: true), new ReportedOutcome(CallOutcome.Failed, NotDialled: true));

        Assert.Equal(new ContactChange(ContactState.Suppressed, Refund: true), decision.Contact);
    }

    [Fact]
    public void A_blacklist_puts_the_number_on_the_do_not_call_list_and_ends_the_contact()
    {
        var decision = Decide(Live, Dialing(), new ReportedOutcome(CallOutcome.Blacklisted));

        Assert.Equal(new SettlementDecision { SettlesAttempt = true, Contact = new ContactChange(ContactState.Done), AddsToDoNotCallList = true }, decision);
    }

    [Fact]
    public void A_blacklist_suppresses_the_contact_where_the_policy_would_retry_it()
    {
        var policy = new RetryPolicy
        {
            FinalOutcomes = new HashSet<CallOutcome> { CallOutcome.Answered },
            Delays = new Dictionary<CallOutcome, TimeSpan>(RetryPolicy.DefaultDelays) { [CallOutcome.Blacklisted] = TimeSpan.FromHours(1) },
        };

        var decision = SettlementRules.Decide(Live, Dialing(), new ReportedOutcome(CallOutcome.Blacklisted), Settings with { Retry = policy }, Now);

        Assert.Equal(new ContactChange(ContactState.Suppressed), decision.Contact);
        Assert.True(decision.AddsToDoNotCallList);
    }

    [Theory]
    [InlineData(null, CallOutcome.Answered, true)]
    [InlineData(null, CallOutcome.NoAnswer, false)]
    [InlineData(null, CallOutcome.Busy, false)]
    [InlineData(null, CallOutcome.Rejected, false)]
    [InlineData(null, CallOutcome.Failed, null)]
    [InlineData(null, CallOutcome.Unknown, null)]
    [InlineData(null, CallOutcome.Invalid, null)]
    // A revision adds a sample only where the first outcome added none.
    [InlineData(CallOutcome.Unknown, CallOutcome.Answered, true)]
    [InlineData(CallOutcome.Failed, CallOutcome.NoAnswer, false)]
    [InlineData(CallOutcome.NoAnswer, CallOutcome.Answered, null)]
    [InlineData(CallOutcome.Answered, CallOutcome.Failed, null)]
    internal void A_call_counts_once_toward_its_caller_numbers_answer_rate(CallOutcome? settledAs, CallOutcome reported, bool? sample)
    {
        var attempt = settledAs is { } earlier ? Settled(earlier) : Live;

        Assert.Equal(sample, Decide(attempt, Contact(ContactState.Pending), new ReportedOutcome(reported)).AnswerRateSample);
    }

    private static AttemptFacts Live { get; } = new(AttemptStatus.Placed, null, IsLatestOfContact: true);

    private static AttemptFacts Settled(CallOutcome outcome, bool isLatest = true) => new(AttemptStatus.Settled, outcome, isLatest);

    private static ContactFacts Dialing(bool onDoNotCallList = false) => Contact(ContactState.Dialing, onDoNotCallList);

    private static ContactFacts Contact(ContactState state, bool onDoNotCallList = false) => new(state, 1, 1, onDoNotCallList);

    private static SettlementDecision Decide(AttemptFacts attempt, ContactFacts contact, ReportedOutcome reported) =>
        SettlementRules.Decide(attempt, contact, reported, Settings, Now);
}
