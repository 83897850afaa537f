using AutoDialer.Core.Telephony;

namespace AutoDialer.Dialing.Dispatch;

/// <summary>A reason to try dialling for one agent now: its idle event, or the periodic sweep finding it idle.</summary>
/// <param name="IdleSince">When the agent was seen idle, for the idle → make-call latency.</param>
internal readonly record struct DispatchTrigger(ICallCenter CallCenter, string AgentId, DateTimeOffset IdleSince);
