using System.Globalization;
using System.Text.Json;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Core.Telephony.Udesk;

namespace AutoDialer.Core.Events;

/// <summary>
/// Derives <see cref="CallCenterEvent.EventId"/> from the event itself, since neither vendor gives events an
/// id: <c>account/agent/name/callId/unixMilliseconds[/state]</c>.
/// </summary>
/// <remarks>
/// The call id is Udesk's <c>Data.CallID</c> or Meiqia's <c>uuid</c>, "-" when absent. The millisecond
/// timestamp tells apart repeats of one event name on one call (several <c>Held</c>) and, for agent events
/// that carry no call id, successive state changes; the state fields (Udesk <c>OldState</c>→<c>CurState</c>,
/// Meiqia <c>callAgentStatus</c>) are added so that two changes stamped in the same millisecond still differ.
/// A re-delivery of the same event carries the same timestamp (it is stamped once, where it is received),
/// so it maps to the same id and storage ignores it.
/// </remarks>
internal static class CallCenterEventId
{
    public static string Derive(string accountId, string agentId, string name, DateTimeOffset timestamp, JsonElement payload)
    {
        var data = EventData.Of(payload);
        var callId = EventData.String(data, UdeskFields.CallId) ?? EventData.String(data, MeiqiaFields.Uuid);
        var id = string.Join('/',
            accountId,
            agentId,
            name,
            string.IsNullOrEmpty(callId) ? "-" : callId,
            timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

        var state = StateOf(data);
        return state is null ? id : id + "/" + state;
    }

    private static string? StateOf(JsonElement data)
    {
        var current = EventData.String(data, UdeskFields.CurState);
        if (current is not null)
        {
            var old = EventData.String(data, UdeskFields.OldState);
            var sub = EventData.NonEmpty(EventData.String(data, UdeskFields.CurStateSubId));
            return (old is null ? "" : old + ">") + current + (sub is null ? "" : ":" + sub);
        }

        return EventData.String(data, MeiqiaFields.CallAgentStatus);
    }
}
