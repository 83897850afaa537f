using AutoDialer.Core.Events;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.Settlement;

/// <summary>
/// The stale sweeper's decision: stored events first, "could not ask" is not "no call", and an attempt whose make-call
/// is still to be sent is never settled before the maximum age.
/// </summary>
public class StaleAttemptRulesTests
{
    private static readonly ClassifiedOutcome HungUpAnswered = new(CallOutcome.Answered, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(600), "c-1");

    // status, make-call pending, past max age, stored progress, provider → outcome (null: left live)
    public static IEnumerable<object[]> Table => new TheoryData<AttemptStatus, bool, bool, StoredCallProgress, ProviderAnswer, CallOutcome?>
    {
        // Could not ask is not "no call": left live until the maximum age.
        { AttemptStatus.Placed, false, false, StoredCallProgress.Ringing, ProviderAnswer.CouldNotAsk, null },
        { AttemptStatus.Placed, false, false, StoredCallProgress.Nothing, ProviderAnswer.NotAsked, null },
        { AttemptStatus.Placed, false, false, StoredCallProgress.Answered, ProviderAnswer.CouldNotAsk, null },
        // The provider still has the call: left live, whatever else.
        { AttemptStatus.Placed, false, false, StoredCallProgress.Answered, ProviderAnswer.StillOnCall, null },
        { AttemptStatus.Unknown, false, false, StoredCallProgress.Nothing, ProviderAnswer.StillOnCall, null },
        // The provider no longer has the call: answered if Established is stored, else unknown.
        { AttemptStatus.Placed, false, false, StoredCallProgress.Ringing, ProviderAnswer.NoSuchCall, CallOutcome.Unknown },
        { AttemptStatus.Placed, false, false, StoredCallProgress.Nothing, ProviderAnswer.NoSuchCall, CallOutcome.Unknown },
        { AttemptStatus.Placed, false, false, StoredCallProgress.Answered, ProviderAnswer.NoSuchCall, CallOutcome.Answered },
        { AttemptStatus.Unknown, false, false, StoredCallProgress.Answered, ProviderAnswer.NoSuchCall, CallOutcome.Answered },
        // Past the maximum age nobody is asked: the same classification.
        { AttemptStatus.Placed, false, true, StoredCallProgress.Ringing, ProviderAnswer.NotAsked, CallOutcome.Unknown },
        { AttemptStatus.Placed, false, true, StoredCallProgress.Answered, ProviderAnswer.NotAsked, CallOutcome.Answered },
        // A make-call still to be sent or answered (waiting behind the fence): left alone until the maximum age.
        { AttemptStatus.Dialing, true, false, StoredCallProgress.Nothing, ProviderAnswer.NoSuchCall, null },
        { AttemptStatus.Dialing, true, false, StoredCallProgress.Nothing, ProviderAnswer.CouldNotAsk, null },
        { AttemptStatus.Dialing, true, true, StoredCallProgress.Nothing, ProviderAnswer.NotAsked, CallOutcome.Unknown },
        // Dialing but nobody holds its make-call any more (its dispatch failed after the call, its node is gone): judged as any other.
        { AttemptStatus.Dialing, false, false, StoredCallProgress.Nothing, ProviderAnswer.NoSuchCall, CallOutcome.Unknown },
        { AttemptStatus.Dialing, false, false, StoredCallProgress.Ringing, ProviderAnswer.StillOnCall, null },
        // The page says it never handed the make-call to its SDK: nothing was dialled (given back, budget refunded) …
        { AttemptStatus.Dialing, false, false, StoredCallProgress.Nothing, ProviderAnswer.NeverDialled, CallOutcome.Failed },
        { AttemptStatus.Unknown, false, false, StoredCallProgress.Nothing, ProviderAnswer.NeverDialled, CallOutcome.Failed },
        // … unless its node may still send it, or events of a call are stored (then the events are believed).
        { AttemptStatus.Dialing, true, false, StoredCallProgress.Nothing, ProviderAnswer.NeverDialled, null },
        { AttemptStatus.Unknown, false, false, StoredCallProgress.Ringing, ProviderAnswer.NeverDialled, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    internal void The_sweeper_settles_only_what_it_knows_is_over(AttemptStatus status, bool makeCallPending, bool pastMaxAge, StoredCallProgress progress,
        ProviderAnswer provider, CallOutcome? expected)
    {
        var decided = StaleAttemptRules.Decide(new StaleAttemptFacts(status, makeCallPending, pastMaxAge, progress, Ended: null, provider));

        Assert.Equal(expected, decided?.Outcome);
    }

    [Theory]
    [InlineData(ProviderAnswer.CouldNotAsk)]
    [InlineData(ProviderAnswer.NotAsked)]
    [InlineData(ProviderAnswer.StillOnCall)]
    internal void A_call_whose_end_is_stored_is_settled_as_its_events_say_whatever_the_provider_answered(ProviderAnswer provider)
    {
        var decided = StaleAttemptRules.Decide(new StaleAttemptFacts(AttemptStatus.Placed, false, false, StoredCallProgress.Answered, HungUpAnswered, provider));

        Assert.Equal(HungUpAnswered, decided);
    }

    [Fact]
    public void A_make_call_the_page_never_dialled_is_given_back_as_not_dialled()
    {
        var decided = StaleAttemptRules.Decide(new StaleAttemptFacts(AttemptStatus.Unknown, false, false, StoredCallProgress.Nothing, null, ProviderAnswer.NeverDialled));

        Assert.True(decided?.NotDialled);
        Assert.Equal(StaleAttemptRules.NeverDialledCode, decided?.VendorCode);
    }

    [Fact]
    public void An_answered_call_settled_by_the_sweeper_says_so_and_why()
    {
        var decided = StaleAttemptRules.Decide(new StaleAttemptFacts(AttemptStatus.Placed, false, false, StoredCallProgress.Answered, null, ProviderAnswer.NoSuchCall));

        Assert.Equal(StaleAttemptRules.StaleCode, decided?.VendorCode);
        Assert.Contains("Established", decided?.VendorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AttemptStatus.Placed, StaleAttemptRules.StaleCode)]
    [InlineData(AttemptStatus.Unknown, null)] // keeps the code its make-call's timeout gave it
    internal void An_unknown_settlement_carries_the_stale_code_unless_the_attempt_has_one(AttemptStatus status, string? code)
    {
        var decided = StaleAttemptRules.Decide(new StaleAttemptFacts(status, false, false, StoredCallProgress.Nothing, null, ProviderAnswer.NoSuchCall));

        Assert.Equal(code, decided?.VendorCode);
    }
}
