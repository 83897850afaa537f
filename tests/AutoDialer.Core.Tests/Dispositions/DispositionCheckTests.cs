using AutoDialer.Core.Callbacks;
using AutoDialer.Core.Dispositions;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.Dispositions;

/// <summary>Whether a page may record a disposition: only its own agent's dialled call, only until the time after the hang-up the campaign accepts.</summary>
public class DispositionCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DispositionPolicy Dispositions = new() { AcceptFor = TimeSpan.FromMinutes(30) };
    private static readonly CallbackPolicy Callbacks = new() { MaxAhead = TimeSpan.FromDays(30) };

    /// <summary>Agent a1's call through account "udesk", hung up <paramref name="minutesAgo"/> minutes ago (null: still live).</summary>
    private static DispositionFacts Call(double? minutesAgo = 5, string account = "udesk", string agent = "a1", AttemptStatus? status = null) =>
        new(account, agent, status ?? (minutesAgo is null ? AttemptStatus.Placed : AttemptStatus.Settled), minutesAgo is { } m ? Now.AddMinutes(-m) : null);

    private static DispositionVerdict Check(DispositionFacts? attempt, DispositionRequest request, string account = "udesk", string agent = "a1") =>
        DispositionCheck.Check(attempt, account, agent, request, Dispositions, Callbacks, Now);

    public static IEnumerable<object[]> Refusals() => new TheoryData<string, DispositionFacts?, DispositionRequest, DispositionRefusal>()
    {
        { "no such attempt", null, new(1, "success"), DispositionRefusal.UnknownAttempt },
        { "another agent's call", Call(agent: "a2"), new(1, "success"), DispositionRefusal.NotYourAttempt },
        { "the same agent id on another account", Call(account: "meiqia"), new(1, "success"), DispositionRefusal.NotYourAttempt },
        { "only offered in preview, never dialled", Call(minutesAgo: null, status: AttemptStatus.Offered), new(1, "success"), DispositionRefusal.NoCall },
        { "31 minutes after the hang-up, 30 accepted", Call(minutesAgo: 31), new(1, "success"), DispositionRefusal.TooLate },
        { "a code the campaign does not have", Call(), new(1, "maybe"), DispositionRefusal.UnknownCode },
        { "a callback without a time", Call(), new(1, "call_back"), DispositionRefusal.CallbackTimeRequired },
        { "a callback in the past beyond the clocks' tolerance", Call(), new(1, "call_back", Now.AddMinutes(-2)), DispositionRefusal.CallbackTimeOutOfRange },
        { "a callback further ahead than the campaign allows", Call(), new(1, "call_back", Now.AddDays(31)), DispositionRefusal.CallbackTimeOutOfRange },
        { "a note too long", Call(), new(1, "success", Note: new string('x', DispositionRequest.MaxNoteLength + 1)), DispositionRefusal.NoteTooLong },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    internal void Refuses(string because, DispositionFacts? attempt, DispositionRequest request, DispositionRefusal reason)
    {
        var verdict = Check(attempt, request);

        Assert.True(verdict is DispositionVerdict.Refused refused && refused.Reason == reason, $"{because}: {verdict}");
    }

    [Fact]
    public void Accepts_its_own_agent_s_call_during_the_call_and_until_the_end_of_the_time_after_the_hang_up()
    {
        Assert.IsType<DispositionVerdict.Accepted>(Check(Call(minutesAgo: null), new(1, "success")));
        Assert.IsType<DispositionVerdict.Accepted>(Check(Call(minutesAgo: 30), new(1, "success")));
    }

    [Fact]
    public void A_callback_is_kept_with_its_time_its_owner_and_the_note()
    {
        var at = Now.AddHours(5);

        var verdict = Check(Call(), new(1, "call_back", at, "after the meeting"));

        Assert.Equal(new DispositionVerdict.Accepted(new StoredDisposition("call_back", DispositionEffect.Callback, at, "a1", Now, "after the meeting")), verdict);
    }

    [Fact]
    public void A_callback_asked_for_a_moment_ago_by_a_slow_clock_is_due_now()
    {
        var verdict = Assert.IsType<DispositionVerdict.Accepted>(Check(Call(), new(1, "call_back", Now.AddSeconds(-30))));

        Assert.Equal(Now, verdict.Disposition.DueAt);
    }

    [Fact]
    public void A_retry_is_due_after_its_code_s_delay()
    {
        var verdict = Assert.IsType<DispositionVerdict.Accepted>(Check(Call(), new(1, "try_later")));

        Assert.Equal(Now.AddHours(1), verdict.Disposition.DueAt);
    }

    [Fact]
    public void A_blank_note_is_not_kept()
    {
        var verdict = Assert.IsType<DispositionVerdict.Accepted>(Check(Call(), new(1, "success", Note: "  ")));

        Assert.Null(verdict.Disposition.Note);
    }

    [Theory]
    [InlineData(DispositionRefusal.UnknownAttempt, "unknown_attempt")]
    [InlineData(DispositionRefusal.NotYourAttempt, "not_your_attempt")]
    [InlineData(DispositionRefusal.TooLate, "too_late")]
    internal void Refusals_have_stable_names(DispositionRefusal refusal, string name)
    {
        Assert.Equal(name, refusal.ToName());
    }

    [Fact]
    public void Every_refusal_has_a_name()
    {
        Assert.All(Enum.GetValues<DispositionRefusal>(), refusal => Assert.NotEmpty(refusal.ToName()));
    }
}
