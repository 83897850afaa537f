using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;

namespace AutoDialer.Simulation.Calls;

/// <summary>Something that happened on a simulated agent's phone, before a vendor's events name and shape it
/// (<see cref="Vendors.UdeskEvents"/>, <see cref="Vendors.MeiqiaEvents"/>) or the page's truth log records it.</summary>
internal abstract record PhoneEvent(DateTimeOffset At);

/// <summary>The workbench is (again) ready (Udesk <c>Ready</c>; Meiqia <c>register</c> and <c>agentInitStatus</c>):
/// the state it finds, the number its calls show, and whether a call is on the line.</summary>
internal sealed record PhoneReady(DateTimeOffset At, AgentState State, string OutNumber, bool PhoneBusy) : PhoneEvent(At);

internal sealed record PhoneStateChanged(DateTimeOffset At, AgentState State, string? SubState, AgentState Old) : PhoneEvent(At);

/// <summary>A make-call reached the phone, before it is placed or refused. No vendor event: the call center's own record.</summary>
internal sealed record MakeCallReceived(DateTimeOffset At, MakeCallRequest Request) : PhoneEvent(At);

/// <summary>A make-call the phone refused with <paramref name="Code"/>: nothing was dialled. No vendor event.</summary>
internal sealed record MakeCallRefused(DateTimeOffset At, MakeCallRequest Request, string Code) : PhoneEvent(At);

/// <summary>A step of a call: placed, ringing, answered, or cleared with <paramref name="HangupCause"/>.</summary>
internal sealed record PhoneCallStep(DateTimeOffset At, CallPhase Phase, SimulatedCall Call, string? HangupCause = null) : PhoneEvent(At);
