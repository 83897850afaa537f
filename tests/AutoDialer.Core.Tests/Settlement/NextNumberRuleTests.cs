using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.Settlement;

public sealed class NextNumberRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddHours(2);
    private static readonly RetryPolicy Retry = new() { MaxAttempts = 4, MaxAttemptsPerDay = 3, FailuresBeforeNextNumber = 2 };

    public static IEnumerable<object[]> Cases => new TheoryData<string, ContactFacts, ContactNumbers, CallOutcome, ContactChange?, NumberStep?>
    {
        {
            "a first failure is counted on the number",
            Contact(1), new ContactNumbers(true, 0, 1), CallOutcome.NoAnswer, Retried, new NumberStep(1, false, Retried)
        },
        {
            "the campaign's number of failures moves the contact on, on the retry policy's schedule",
            Contact(2), new ContactNumbers(true, 1, 1), CallOutcome.Busy, Retried, new NumberStep(0, true, Retried)
        },
        {
            "with nothing else to try, failures are only counted",
            Contact(2), new ContactNumbers(true, 1, 0), CallOutcome.Rejected, Retried, new NumberStep(2, false, Retried)
        },
        {
            "a spent budget ends the contact whatever numbers are left",
            Contact(4), new ContactNumbers(true, 1, 2), CallOutcome.NoAnswer, new ContactChange(ContactState.Done), new NumberStep(2, false, new ContactChange(ContactState.Done))
        },
        {
            "a blacklisted number is given up at once and the next tried now",
            Contact(1), new ContactNumbers(true, 0, 1), CallOutcome.Blacklisted, new ContactChange(ContactState.Done), new NumberStep(0, true, new ContactChange(ContactState.Pending, Now))
        },
        {
            "an invalid number too, tomorrow when today's attempts are spent",
            Contact(3, today: 3), new ContactNumbers(true, 0, 1), CallOutcome.Invalid, new ContactChange(ContactState.Done), new NumberStep(0, true, new ContactChange(ContactState.Deferred))
        },
        {
            "a blacklisted number with the budget spent: done",
            Contact(4), new ContactNumbers(true, 0, 1), CallOutcome.Blacklisted, new ContactChange(ContactState.Done), new NumberStep(0, true, new ContactChange(ContactState.Done))
        },
        {
            "a number listed since the lease is given up",
            Contact(1, onList: true), new ContactNumbers(true, 0, 1), CallOutcome.NoAnswer, new ContactChange(ContactState.Suppressed), new NumberStep(0, true, new ContactChange(ContactState.Pending, Now))
        },
        {
            "a listed number refused before it rang: the attempt given back, the next number due now",
            Contact(1, onList: true), new ContactNumbers(true, 0, 1), CallOutcome.Failed, new ContactChange(ContactState.Suppressed, Refund: true),
            new NumberStep(0, true, new ContactChange(ContactState.Pending, Now, Refund: true))
        },
        {
            "without another number a blacklisted one ends the contact as before",
            Contact(1), new ContactNumbers(true, 0, 0), CallOutcome.Blacklisted, new ContactChange(ContactState.Done), null
        },
        { "an answer changes nothing", Contact(1), new ContactNumbers(true, 1, 1), CallOutcome.Answered, new ContactChange(ContactState.Done), null },
        { "a call that never happened counts no failure", Contact(1), new ContactNumbers(true, 1, 1), CallOutcome.Failed, new ContactChange(ContactState.Pending, Now, Refund: true), null },
        { "a call to a number the contact has left counts nothing", Contact(2), new ContactNumbers(false, 1, 1), CallOutcome.NoAnswer, Retried, null },
        { "a revision that does not move the contact changes nothing", Contact(2), new ContactNumbers(true, 1, 1), CallOutcome.NoAnswer, null, null },
        {
            "a contact suppressed before stays so",
            Contact(1, state: ContactState.Suppressed), new ContactNumbers(true, 0, 1), CallOutcome.Blacklisted, new ContactChange(ContactState.Suppressed), null
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    internal void Decides(string _, ContactFacts contact, ContactNumbers numbers, CallOutcome outcome, ContactChange? change, NumberStep? expected) =>
        Assert.Equal(expected, NextNumberRule.Decide(contact, numbers, outcome, change, Retry, Now));

    [Fact]
    public void A_wrong_number_said_by_an_agent_is_given_up_at_once()
    {
        var step = NextNumberRule.Decide(Contact(1), new ContactNumbers(true, 0, 1), CallOutcome.Answered, new ContactChange(ContactState.Done), Retry, Now,
            numberGivenUp: true);

        Assert.Equal(new NumberStep(0, true, new ContactChange(ContactState.Pending, Now)), step);
    }

    [Fact]
    public void The_number_of_failures_is_a_validated_setting_with_a_default_of_two()
    {
        Assert.Equal(2, new RetryPolicy().FailuresBeforeNextNumber);
        Assert.Contains(new RetryPolicy { FailuresBeforeNextNumber = 0 }.Validate(), e => e.Field == "failures_before_next_number");
    }

    private static ContactChange Retried => new(ContactState.Pending, Later);

    private static ContactFacts Contact(int attempts, int? today = null, bool onList = false, ContactState state = ContactState.Dialing) =>
        new(state, attempts, today ?? Math.Min(attempts, 1), onList);
}
