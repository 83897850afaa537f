namespace AutoDialer.Core.Preview;

/// <summary>What a preview offer's end does to its lease: <see cref="Dial"/> it, or <see cref="Release"/> the contact unspent.</summary>
internal abstract record PreviewOutcome
{
    private PreviewOutcome()
    {
    }

    public static Dial DialNow { get; } = new();

    /// <summary>Place the call, through the dial gate's second check as every call.</summary>
    public sealed record Dial : PreviewOutcome;

    /// <summary>Give the contact back, its attempt refunded, due at <see cref="Due"/>; <see cref="CountsAsSkip"/>: the agent's own skip, counted against its day's limit.</summary>
    public sealed record Release(DateTimeOffset Due, bool CountsAsSkip) : PreviewOutcome;
}
