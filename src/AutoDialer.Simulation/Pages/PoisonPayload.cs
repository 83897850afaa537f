using System.Text.Json;
using System.Text.Json.Nodes;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Core.Telephony.Udesk;

namespace AutoDialer.Simulation.Pages;

/// <summary>
/// A copy of an event's payload with a <c>"\u0000"</c> (valid JSON that PostgreSQL refuses in <c>jsonb</c> and text, as
/// any page can send). In the call's id when the event has one (Udesk's <c>Data.CallID</c>, Meiqia's <c>uuid</c>): a
/// field the dialer reads, so the copy is unreadable and must be quarantined. Otherwise in a documented string field
/// that carries nothing the dialer reads (Udesk's envelope <c>Message</c>, Meiqia's <c>trunk_number_name</c>): the
/// dialer cleans the NUL out and stores the copy as one more delivery of the event.
/// </summary>
internal static class PoisonPayload
{
    public const string Poison = "\u0000";

    public static JsonElement Of(JsonElement payload)
    {
        var node = JsonNode.Parse(payload.ValueKind == JsonValueKind.Undefined ? "{}" : payload.GetRawText()) as JsonObject ?? [];
        if (node[UdeskFields.Data] is JsonObject data && data[UdeskFields.CallId] is JsonValue udeskCall)
            data[UdeskFields.CallId] = udeskCall.ToString() + Poison;
        else if (node[MeiqiaFields.Uuid] is JsonValue meiqiaCall)
            node[MeiqiaFields.Uuid] = meiqiaCall.ToString() + Poison;
        else
            node[node.ContainsKey(UdeskFields.Message) || !node.ContainsKey(MeiqiaFields.TrunkNumberName) ? UdeskFields.Message : MeiqiaFields.TrunkNumberName] = Poison;
        return JsonSerializer.SerializeToElement(node);
    }
}
