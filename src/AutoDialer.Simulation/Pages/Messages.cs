using System.Buffers;
using System.Text.Json;
using AutoDialer.Simulation.Vendors;
using AutoDialer.Telephony.Bridge;

namespace AutoDialer.Simulation.Pages;

/// <summary>The page's side of <see cref="BridgeProtocol"/>, byte for byte what the script writes.</summary>
internal static class Messages
{
    public static byte[] Hello(string token, string provider, string agentId) => Write(w =>
    {
        w.WriteString("type", BridgeProtocol.Hello);
        w.WriteString("token", token);
        w.WriteString("provider", provider);
        w.WriteString("agentId", agentId);
        w.WriteNumber("version", BridgeProtocol.Version);
    });

    /// <summary><c>event { agentId, name, timestamp, payload, seq }</c>: the timestamp is when it happened.</summary>
    public static byte[] Event(string agentId, VendorEvent vendorEvent, long timestamp, long seq) => Write(w =>
    {
        w.WriteString("type", BridgeProtocol.Event);
        w.WriteString("agentId", agentId);
        w.WriteString("name", vendorEvent.Name);
        w.WriteNumber("timestamp", timestamp);
        WritePayload(w, vendorEvent);

        w.WriteNumber("seq", seq);
    });

    /// <summary><c>call-state { agentId, known, events: [{ name, timestamp, payload }], sessions, dialled }</c>: what the page
    /// says its agent is doing, and the make-calls it handed to its SDK in the sessions it has had since it loaded.</summary>
    public static byte[] CallState(string agentId, bool known, IReadOnlyList<(VendorEvent Event, long Timestamp)> events, IReadOnlyList<string> sessions,
        IReadOnlyList<string> dialled) => Write(w =>
    {
        w.WriteString("type", BridgeProtocol.CallState);
        w.WriteString("agentId", agentId);
        w.WriteBoolean("known", known);
        w.WriteStartArray("events");
        foreach (var (vendorEvent, timestamp) in events)
        {
            w.WriteStartObject();
            w.WriteString("name", vendorEvent.Name);
            w.WriteNumber("timestamp", timestamp);
            WritePayload(w, vendorEvent);

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("sessions");
        foreach (var session in sessions)
        {
            w.WriteStringValue(session);
        }

        w.WriteEndArray();
        w.WriteStartArray("dialled");
        foreach (var businessId in dialled)
        {
            w.WriteStringValue(businessId);
        }

        w.WriteEndArray();
    });

    public static byte[] Result(string id, CommandReply reply) => Write(w =>
    {
        w.WriteString("type", BridgeProtocol.Result);
        w.WriteString("id", id);
        w.WriteString("status", reply.Status);
        w.WritePropertyName("value");
        if (reply.Value is null)
        {
            w.WriteNullValue();
        }
        else
        {
            reply.Value.WriteTo(w);
        }
    });

    /// <summary><c>pong { id }</c> with the ping's id as it came.</summary>
    public static byte[] Pong(JsonElement ping) => Write(w =>
    {
        w.WriteString("type", BridgeProtocol.Pong);
        w.WritePropertyName("id");
        if (ping.TryGetProperty("id", out var id))
        {
            id.WriteTo(w);
        }
        else
        {
            w.WriteNullValue();
        }
    });

    /// <summary><c>request { id, method, args }</c>: a page's question to the dialer (a disposition, a preview decision).</summary>
    public static byte[] Request(string id, string method, Action<Utf8JsonWriter> args) => Write(w =>
    {
        w.WriteString("type", BridgeProtocol.Request);
        w.WriteString("id", id);
        w.WriteString("method", method);
        w.WritePropertyName("args");
        w.WriteStartObject();
        args(w);
        w.WriteEndObject();
    });

    public static string? Text(JsonElement message, string name) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    // An event without a payload (undefined) is written as null, as the bridge script sends it.
    private static void WritePayload(Utf8JsonWriter w, VendorEvent vendorEvent)
    {
        w.WritePropertyName("payload");
        if (vendorEvent.Payload.ValueKind == JsonValueKind.Undefined)
        {
            w.WriteNullValue();
        }
        else
        {
            vendorEvent.Payload.WriteTo(w);
        }
    }
}
