using AutoDialer.Core.StoredWords;
using AutoDialer.Telephony.Simulation;

namespace AutoDialer.Simulator;

/// <summary>Something that happened on a simulated agent's phone, before a vendor dialect names and shapes it.</summary>
internal abstract record PhoneEvent(DateTimeOffset At);

/// <summary>The SDK finished starting up (Udesk <c>Ready</c>; Meiqia <c>register</c> and <c>agentInitStatus</c>).</summary>
internal sealed record PhoneReady(DateTimeOffset At, AgentState State, string OutNumber) : PhoneEvent(At);

internal sealed record PhoneStateChanged(DateTimeOffset At, AgentState State, string? SubState, AgentState Old) : PhoneEvent(At);

/// <summary>A step of a call: placed, ringing, answered, or cleared with <paramref name="HangupCause"/>.</summary>
internal sealed record PhoneCallStep(DateTimeOffset At, CallPhase Phase, SimulatedCall Call, string? HangupCause = null) : PhoneEvent(At);
