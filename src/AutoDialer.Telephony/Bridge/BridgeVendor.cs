using System.Collections.Frozen;
using System.Text.Json;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Core.Telephony.Udesk;

namespace AutoDialer.Telephony.Bridge;

/// <summary>
/// What the bridge needs to know of a vendor to take its events: the documented event names (anything else is
/// refused), how to read them, and where a payload may name an agent.
/// </summary>
internal sealed record BridgeVendor(
    string Provider,
    EventVendor EventVendor,
    FrozenSet<string> Events,
    Func<CallCenterEvent, CallSignal> Interpret,
    Func<JsonElement, string?> AgentNamedIn)
{
    public static BridgeVendor Udesk { get; } = new(
        BridgeProviders.Udesk,
        EventVendor.Udesk,
        new[]
        {
            UdeskEventNames.AgentStateChanged, UdeskEventNames.PhoneModeChanged, UdeskEventNames.PhoneStateChanged,
            UdeskEventNames.Ready, UdeskEventNames.AdvancedCallStatusChanged, UdeskEventNames.GetState,
            UdeskEventNames.Delivered, UdeskEventNames.Originated, UdeskEventNames.Established,
            UdeskEventNames.ConnectionCleared, UdeskEventNames.Held, UdeskEventNames.Retrieved,
            UdeskEventNames.Conferenced, UdeskEventNames.Transferred,
        }.ToFrozenSet(StringComparer.Ordinal),
        UdeskEventInterpreter.Interpret,
        UdeskAgentNamedIn);

    public static BridgeVendor Meiqia { get; } = new(
        BridgeProviders.Meiqia,
        EventVendor.Meiqia,
        new[]
        {
            MeiqiaEventNames.Register, MeiqiaEventNames.Unregister, MeiqiaEventNames.Calling,
            MeiqiaEventNames.IncomingCall, MeiqiaEventNames.Answer, MeiqiaEventNames.Hangup,
            MeiqiaEventNames.NotifySocketReconnectFailed, MeiqiaEventNames.BlackList,
            MeiqiaEventNames.UnAuthorization, MeiqiaEventNames.AgentInitStatus,
        }.ToFrozenSet(StringComparer.Ordinal),
        MeiqiaEventInterpreter.Interpret,
        // Meiqia's event data names no agent (only its SIP number).
        _ => null);

    /// <summary>Udesk events document no agent id, but an <c>AgentId</c> in Data or Data.AgentInfo (as
    /// GetOtherAgentsAsync items have) must be the session's own if present.</summary>
    private static string? UdeskAgentNamedIn(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty(UdeskFields.Data, out var data))
        {
            return null;
        }

        foreach (var item in data.ValueKind == JsonValueKind.Array ? data.EnumerateArray().ToArray() : [data])
        {
            if (AgentIdOf(item) is { } direct)
            {
                return direct;
            }

            if (item.ValueKind == JsonValueKind.Object
                && item.TryGetProperty(UdeskFields.AgentInfo, out var info)
                && AgentIdOf(info) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    private static string? AgentIdOf(JsonElement obj) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(UdeskData.AgentId, out var id)
            ? id.ValueKind switch
            {
                JsonValueKind.String => id.GetString(),
                JsonValueKind.Number => id.GetRawText(),
                _ => null,
            }
            : null;
}
