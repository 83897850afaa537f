using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Simulation.Calls;

namespace AutoDialer.Simulation.Vendors;

/// <summary>
/// The Udesk SDK's events for what happened on a phone, as the document names and shapes them
/// (<see cref="UdeskPayloads"/>): one mapping for the in-process call center and the page simulator alike.
/// </summary>
internal static class UdeskEvents
{
    /// <param name="echoBusinessId">Put the business id into call events as <c>UserData</c> (the in-process
    /// simulator's option; Udesk documents none, so a page never does).</param>
    public static IReadOnlyList<VendorEvent> Of(PhoneEvent happened, bool echoBusinessId = false) => happened switch
    {
        PhoneReady ready => [new(UdeskEventNames.Ready, UdeskPayloads.Ready(ready.State, ready.PhoneBusy))],
        PhoneStateChanged changed => [new(UdeskEventNames.AgentStateChanged, UdeskPayloads.AgentStateChanged(changed.State, changed.SubState, changed.Old))],
        PhoneCallStep { Phase: CallPhase.Placed } step => [new(UdeskEventNames.Originated, UdeskPayloads.CallEvent(step.Call, echoBusinessId))],
        PhoneCallStep { Phase: CallPhase.Ringing } step => [new(UdeskEventNames.Delivered, UdeskPayloads.CallEvent(step.Call, echoBusinessId))],
        PhoneCallStep { Phase: CallPhase.Talking } step => [new(UdeskEventNames.Established, UdeskPayloads.CallEvent(step.Call, echoBusinessId))],
        PhoneCallStep { Phase: CallPhase.Ended } step =>
            [new(UdeskEventNames.ConnectionCleared, UdeskPayloads.CallEvent(step.Call, echoBusinessId, step.HangupCause), IsHangup: true)],
        _ => [],
    };
}
