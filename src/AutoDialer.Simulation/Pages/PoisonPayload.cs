using System.Text.Json;
using System.Text.Json.Nodes;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Core.Telephony.Udesk;

namespace AutoDialer.Simulation.Pages;

/// <summary>
/// A copy of an event's payload with a <c>"\u0000"</c> in a documented string field that carries nothing the dialer
/// reads (Udesk's envelope <c>Message</c>, Meiqia's <c>trunk_number_name</c>): valid JSON that PostgreSQL refuses in
/// <c>jsonb</c>, as any page can send.
/// </summary>
internal static class PoisonPayload
{
    public const string Poison = "\u0000";

    public static JsonElement Of(JsonElement payload)
    {
        var node = JsonNode.Parse(payload.ValueKind == JsonValueKind.Undefined ? "{}" : payload.GetRawText()) as JsonObject ?? [];
        var field = node.ContainsKey(UdeskFields.Message) ? UdeskFields.Message
            : node.ContainsKey(MeiqiaFields.TrunkNumberName) ? MeiqiaFields.TrunkNumberName
            : UdeskFields.Message;
        node[field] = Poison;
        return JsonSerializer.SerializeToElement(node);
    }
}
