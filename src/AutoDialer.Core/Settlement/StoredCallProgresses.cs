using AutoDialer.Core.Events;

namespace AutoDialer.Core.Settlement;

/// <summary>Reads <see cref="StoredCallProgress"/> from a call's signals.</summary>
internal static class StoredCallProgresses
{
    public static StoredCallProgress Of(IEnumerable<CallSignal> signals)
    {
        var progress = StoredCallProgress.Nothing;
        foreach (var signal in signals)
        {
            if (signal is EstablishedSignal) return StoredCallProgress.Answered;
            if (signal is CallEventSignal { Kind: CallSignalKind.Originated or CallSignalKind.Delivered }) progress = StoredCallProgress.Ringing;
        }
        return progress;
    }
}
