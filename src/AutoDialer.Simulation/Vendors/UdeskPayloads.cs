using System.Text.Json;
using System.Text.Json.Nodes;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Simulation.Calls;

namespace AutoDialer.Simulation.Vendors;

/// <summary>Udesk event payloads as the document shows them: the result envelope around the event's Data.</summary>
internal static class UdeskPayloads
{
    public static JsonElement AgentStateChanged(AgentState current, string? subState, AgentState old) =>
        Envelope(new JsonArray(new JsonObject
        {
            [UdeskFields.CurState] = AgentStates.ToName(current),
            // The document's example shows "0" when there is no custom sub-state.
            [UdeskFields.CurStateSubId] = subState ?? "0",
            [UdeskFields.OldState] = AgentStates.ToName(old),
        }));

    public static JsonElement Ready(AgentState current, bool phoneBusy) =>
        Envelope(new JsonArray(new JsonObject
        {
            [UdeskFields.CurExtState] = phoneBusy ? "busy" : "idle",
            [UdeskFields.CurMode] = "voip",
            [UdeskFields.CurState] = AgentStates.ToName(current),
        }));

    /// <summary>Delivered, Originated, Established, ConnectionCleared: the fields every call event documents,
    /// plus the assumed release cause and, when asked, the business id (see <see cref="UdeskAssumptions"/>).</summary>
    public static JsonElement CallEvent(SimulatedCall call, bool echoBusinessId, string? hangupCause = null)
    {
        var data = new JsonObject
        {
            [UdeskFields.CallId] = call.CallId,
            [UdeskFields.AgentInfo] = new JsonObject(),
            [UdeskFields.CustomerInfo] = new JsonObject { [UdeskFields.City] = "", [UdeskFields.Number] = call.Number },
            [UdeskFields.FromQueue] = "",
            [UdeskFields.DisplayNum] = call.DisplayNumber,
            [UdeskFields.WorkFlow] = UdeskAssumptions.WorkFlowOutbound,
            [UdeskFields.CallAuthority] = "",
            [UdeskFields.CallType] = UdeskAssumptions.CallTypeOutbound,
        };
        if (echoBusinessId)
        {
            data[UdeskFields.UserData] = call.BusinessId;
        }

        if (hangupCause is not null)
        {
            data[UdeskAssumptions.HangupCauseField] = hangupCause;
        }

        return Envelope(data);
    }

    private static JsonElement Envelope(JsonNode data) => JsonSerializer.SerializeToElement(new JsonObject
    {
        [UdeskFields.Code] = VendorCodes.Success,
        [UdeskFields.Data] = data,
        [UdeskFields.Message] = "",
        [UdeskFields.Visible] = false,
    });
}
