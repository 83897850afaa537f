using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Settlement;

/// <summary>What the stale sweeper knows about one attempt older than the stale timeout that has no outcome yet.</summary>
/// <param name="Status">Its status: <see cref="AttemptStatus.Dialing"/> until its make-call has been answered.</param>
/// <param name="MakeCallPending">Its make-call may still be sent or answered: a dispatch on this node holds it (waiting
/// behind the dial fence, selecting a trunk, placing the call, giving it back), or the node that leased it is alive.</param>
/// <param name="PastMaxAge">It is older than the maximum age: nobody is asked any more.</param>
/// <param name="Progress">How far its call got by its stored events.</param>
/// <param name="Ended">Its outcome by its stored events when they include the call's end (a hang-up whose settlement
/// failed, say); null while they do not.</param>
/// <param name="Provider">What asking the agent's session gave.</param>
internal sealed record StaleAttemptFacts(
    AttemptStatus Status,
    bool MakeCallPending,
    bool PastMaxAge,
    StoredCallProgress Progress,
    ClassifiedOutcome? Ended,
    ProviderAnswer Provider);
