using AutoDialer.Core.Dispositions;

namespace AutoDialer.Core.Agents;

/// <summary>The dialer's answer to a disposition: recorded (with what the contact does next), or refused with why.</summary>
/// <param name="Refusal">Why it was refused; null when it was recorded.</param>
/// <param name="ContactState">The contact's state now, when it was recorded (<c>ContactStates</c>' name).</param>
/// <param name="DueAt">When the contact is due again, for a retry or a callback.</param>
internal sealed record DispositionAnswer(DispositionRefusal? Refusal, string Message, string? ContactState = null, DateTimeOffset? DueAt = null)
{
    public bool Accepted => Refusal is null;
}
