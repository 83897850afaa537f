using System.Text.Json;
using System.Text.Json.Nodes;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Simulation.Calls;

namespace AutoDialer.Simulation.Vendors;

/// <summary>
/// Meiqia's call-SDK events for what happened on a phone, with the common data (<see cref="MeiqiaPayloads"/>).
/// Meiqia documents no agent-state event around a call and no ringing event, so none is sent for those.
/// </summary>
internal static class MeiqiaEvents
{
    public static IReadOnlyList<VendorEvent> Of(PhoneEvent happened) => happened switch
    {
        PhoneReady ready =>
        [
            new(MeiqiaEventNames.Register, Element(MeiqiaPayloads.Common(MeiqiaEventNames.Register, null, ready.OutNumber))),
            new(MeiqiaEventNames.AgentInitStatus, Element(MeiqiaPayloads.AgentInitStatus(ready.State, ready.OutNumber))),
        ],
        PhoneCallStep { Phase: CallPhase.Placed } step => [Call(MeiqiaEventNames.Calling, step)],
        PhoneCallStep { Phase: CallPhase.Talking } step => [Call(MeiqiaEventNames.Answer, step)],
        PhoneCallStep { Phase: CallPhase.Ended } step => [Call(MeiqiaEventNames.Hangup, step) with { IsHangup = true }],
        _ => [],
    };

    private static VendorEvent Call(string name, PhoneCallStep step) => new(name, Element(MeiqiaPayloads.Common(name, step.Call, step.Call.DisplayNumber)));

    private static JsonElement Element(JsonObject data) => JsonSerializer.SerializeToElement(data);
}
