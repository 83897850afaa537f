using AutoDialer.Core.Agents;

namespace AutoDialer.Core.Preview;

/// <summary>A contact offered to an agent before anything is dialled: its card, the end of the countdown, and whether the agent may skip it.</summary>
/// <param name="Deadline">The countdown's end, on the dialer's clock.</param>
/// <param name="OnTimeout">What the countdown's end does, for the page to say.</param>
internal sealed record PreviewOffer(CallCard Card, DateTimeOffset Deadline, bool SkipAllowed, PreviewTimeoutAction OnTimeout);
