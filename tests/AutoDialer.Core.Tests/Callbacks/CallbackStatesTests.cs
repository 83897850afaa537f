using AutoDialer.Core.Callbacks;

namespace AutoDialer.Core.Tests.Callbacks;

/// <summary>Where a callback stands on the dashboard: scheduled, due to its owner, or overdue (open to any agent), as the lease sees it.</summary>
public class CallbackStatesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 15, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset OwnerUntil = At.AddMinutes(10);

    public static IEnumerable<object[]> Moments => new TheoryData<string, DateTimeOffset, CallbackState>()
    {
        { "a minute before its time", At.AddMinutes(-1), CallbackState.Scheduled },
        { "at its time", At, CallbackState.Due },
        { "within the owner's grace", At.AddMinutes(9), CallbackState.Due },
        { "at the end of the owner's grace", OwnerUntil, CallbackState.Overdue },
        { "an hour later", At.AddHours(1), CallbackState.Overdue },
    };

    [Theory]
    [MemberData(nameof(Moments))]
    internal void A_callback_stands(string when, DateTimeOffset now, CallbackState expected) =>
        Assert.True(expected == CallbackStates.At(At, OwnerUntil, now), when);

    [Fact]
    public void Every_state_has_its_own_name() =>
        Assert.Equal(["scheduled", "due", "overdue"], CallbackStates.All.Select(s => s.ToName()));
}
