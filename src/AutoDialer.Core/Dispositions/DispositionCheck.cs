using AutoDialer.Core.Callbacks;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Dispositions;

/// <summary>
/// Whether a page may record a disposition, and what is kept if it may: only for an attempt of the page's own agent (and
/// account), a call that was dialled, at most <see cref="DispositionPolicy.AcceptFor"/> after its hang-up, with a code
/// the campaign defines; a callback needs a time that is not past (a minute's grace for clocks) and not further ahead
/// than <see cref="CallbackPolicy.MaxAhead"/>. A pure function: the engine reads the facts, locked, and writes the result.
/// </summary>
internal static class DispositionCheck
{
    /// <summary>How far in the past a callback time may be and still be taken as "now": pages' clocks differ.</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(1);

    /// <param name="attempt">The attempt, as stored; null when no attempt has the id.</param>
    /// <param name="providerAccount">The account of the page's session.</param>
    /// <param name="agentId">The agent of the page's session.</param>
    public static DispositionVerdict Check(DispositionFacts? attempt, string providerAccount, string agentId, DispositionRequest request,
        DispositionPolicy dispositions, CallbackPolicy callbacks, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(dispositions);
        ArgumentNullException.ThrowIfNull(callbacks);
        if (attempt is null)
            return Refuse(DispositionRefusal.UnknownAttempt, $"No call has the id {request.AttemptId}.");
        if (!string.Equals(attempt.ProviderAccount, providerAccount, StringComparison.Ordinal) || !string.Equals(attempt.AgentId, agentId, StringComparison.Ordinal))
            return Refuse(DispositionRefusal.NotYourAttempt, $"Call {request.AttemptId} is not one of agent {agentId}'s calls.");
        if (attempt.Status == AttemptStatus.Offered)
            return Refuse(DispositionRefusal.NoCall, $"Call {request.AttemptId} was only offered, never dialled.");
        if (attempt.SettledAt is { } hungUp && now > hungUp + dispositions.AcceptFor)
            return Refuse(DispositionRefusal.TooLate, $"Call {request.AttemptId} ended at {hungUp:O}; dispositions are taken for {dispositions.AcceptFor} after the hang-up.");
        if (dispositions.Find(request.Code) is not { } code)
            return Refuse(DispositionRefusal.UnknownCode, $"The campaign has no disposition '{request.Code}'.");
        if (request.Note is { Length: > DispositionRequest.MaxNoteLength })
            return Refuse(DispositionRefusal.NoteTooLong, $"A note may have at most {DispositionRequest.MaxNoteLength} characters.");

        DateTimeOffset? due = null;
        switch (code.Effect)
        {
            case DispositionEffect.Callback when request.CallbackAt is null:
                return Refuse(DispositionRefusal.CallbackTimeRequired, $"'{code.Code}' is a callback: give the time to call back.");
            case DispositionEffect.Callback when request.CallbackAt < now - ClockTolerance || request.CallbackAt > now + callbacks.MaxAhead:
                return Refuse(DispositionRefusal.CallbackTimeOutOfRange,
                    $"A callback must be between now and {callbacks.MaxAhead} ahead, not at {request.CallbackAt:O}.");
            case DispositionEffect.Callback:
                due = request.CallbackAt < now ? now : request.CallbackAt;
                break;
            case DispositionEffect.RetryAfter:
                due = now + (code.RetryAfter ?? TimeSpan.Zero);
                break;
        }

        return new DispositionVerdict.Accepted(new StoredDisposition(code.Code, code.Effect, due, agentId, now, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note));
    }

    private static DispositionVerdict.Refused Refuse(DispositionRefusal reason, string message) => new(reason, message);
}
