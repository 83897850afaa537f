using AutoDialer.Telephony.Bridge;

namespace AutoDialer.Telephony.Tests;

/// <summary>
/// The page answers for a make-call only when it can: it had the session the make-call was sent on, never handed the
/// business id to its SDK, and nothing can still arrive (it left that session, or spoke after the deadline's margin).
/// </summary>
public sealed class PageMakeCallsTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    // sessions the page had, ids it dialled, reporting session, report's time after the deadline (s), the make-call's session, id → never dialled
    public static IEnumerable<object[]> Table => new TheoryData<string[], string[], string, double, string, string, bool>
    {
        // Left the session the make-call went out on, never dialled it: it can never arrive now.
        { ["s1", "s2"], ["7"], "s2", -5, "s1", "8", true },
        // Dialled it: the call may have rung.
        { ["s1", "s2"], ["7", "8"], "s2", -5, "s1", "8", false },
        // Still on that session before the deadline: the make-call may still be on its way.
        { ["s1"], [], "s1", -5, "s1", "8", false },
        { ["s1"], [], "s1", 1, "s1", "8", false },
        // Still on that session, but well past the deadline: the page would refuse it now.
        { ["s1"], [], "s1", 3, "s1", "8", true },
        // A page that never had the session (it reloaded since, or is another tab) answers for nothing.
        { ["s3"], [], "s3", 60, "s1", "8", false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void The_page_answers_only_for_what_it_knows(string[] sessions, string[] dialled, string reportingSession, double reportedAfterDeadline,
        string sentOn, string businessId, bool neverDialled)
    {
        var record = new PageMakeCalls();
        record.Report(sessions, dialled, Deadline.AddSeconds(reportedAfterDeadline));

        Assert.Equal(neverDialled, record.SaysNeverDialled(businessId, sentOn, reportingSession, Deadline));
    }

    [Fact]
    public void A_page_that_reported_nothing_answers_for_nothing()
    {
        Assert.False(new PageMakeCalls().SaysNeverDialled("8", "s1", "s2", Deadline));
    }
}
