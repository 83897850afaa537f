using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Events;

/// <summary>What became of one dial.</summary>
/// <param name="Outcome">How the dial ended.</param>
/// <param name="RingTime">From the call being placed to answer or hang-up; zero when it never rang.</param>
/// <param name="TalkTime">From answer to hang-up; zero unless answered.</param>
/// <param name="VendorCode">For failures: the vendor (or local) result code, or the release cause.</param>
/// <param name="NotDialled">Nothing reached the customer (a callback-mode call whose agent leg was not picked up): the
/// contact gets its attempt back.</param>
internal sealed record ClassifiedOutcome(
    CallOutcome Outcome,
    TimeSpan RingTime,
    TimeSpan TalkTime,
    string? CallId = null,
    string? VendorCode = null,
    string? VendorMessage = null,
    bool NotDialled = false)
{
    public int RingSeconds => WholeSeconds(RingTime);

    public int TalkSeconds => WholeSeconds(TalkTime);

    /// <summary>No hang-up came in time and the provider cannot tell: the call may or may not have happened.</summary>
    public static ClassifiedOutcome Unknown(string? callId = null) =>
        new(CallOutcome.Unknown, TimeSpan.Zero, TimeSpan.Zero, callId);

    private static int WholeSeconds(TimeSpan span) => (int)Math.Round(span.TotalSeconds, MidpointRounding.AwayFromZero);
}
