namespace AutoDialer.Core.Dispositions;

/// <summary>What an agent's page asks to record for one of its calls (<c>bridge.disposition(attemptId, code, { callbackAt, note })</c>).</summary>
/// <param name="CallbackAt">With a callback code: when to call back.</param>
/// <param name="Note">Free text the agent typed, kept with the attempt.</param>
internal sealed record DispositionRequest(long AttemptId, string Code, DateTimeOffset? CallbackAt = null, string? Note = null)
{
    /// <summary>How much of a note is kept.</summary>
    public const int MaxNoteLength = 1000;
}
