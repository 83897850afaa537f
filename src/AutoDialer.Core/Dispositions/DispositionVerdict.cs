namespace AutoDialer.Core.Dispositions;

/// <summary>The answer to a disposition: <see cref="Accepted"/> with what to keep, or <see cref="Refused"/> with why.</summary>
internal abstract record DispositionVerdict
{
    private DispositionVerdict()
    {
    }

    public sealed record Accepted(StoredDisposition Disposition) : DispositionVerdict;

    /// <param name="Message">One sentence for the agent.</param>
    public sealed record Refused(DispositionRefusal Reason, string Message) : DispositionVerdict;
}
