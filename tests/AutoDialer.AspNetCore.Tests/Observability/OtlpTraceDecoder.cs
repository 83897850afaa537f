namespace AutoDialer.AspNetCore.Tests.Observability;

/// <summary>
/// Reads an OTLP/HTTP protobuf <c>ExportTraceServiceRequest</c> (opentelemetry-proto <c>trace/v1/trace.proto</c>) into
/// its spans, with the protobuf wire format read by hand: resource_spans (1) → scope_spans (2) → spans (2), each span's
/// trace_id (1), span_id (2), parent_span_id (4), name (5) and attributes (9, KeyValue: key 1, AnyValue 2). A field this
/// reader does not know is skipped by its wire type, as protobuf readers do.
/// </summary>
internal static class OtlpTraceDecoder
{
    private const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;

    public static IReadOnlyList<OtlpSpan> Spans(ReadOnlyMemory<byte> request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in Messages(request, 1))
            foreach (var scopeSpans in Messages(resourceSpans, 2))
                foreach (var span in Messages(scopeSpans, 2))
                    spans.Add(Span(span));
        return spans;
    }

    private static OtlpSpan Span(ReadOnlyMemory<byte> span)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (field, wire, _, bytes) in Fields(span))
        {
            if (wire != LengthDelimited) continue;
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(bytes.Span); break;
                case 2: spanId = Convert.ToHexStringLower(bytes.Span); break;
                case 4: parent = Convert.ToHexStringLower(bytes.Span); break;
                case 5: name = System.Text.Encoding.UTF8.GetString(bytes.Span); break;
                case 9:
                    var (key, value) = KeyValue(bytes);
                    if (value is not null) attributes[key] = value;
                    break;
            }

        }

        return new OtlpSpan(traceId, spanId, parent, name, attributes);
    }

    private static (string Key, object? Value) KeyValue(ReadOnlyMemory<byte> keyValue)
    {
        string key = "";
        object? value = null;
        foreach (var (field, _, _, bytes) in Fields(keyValue))
        {
            if (field == 1) key = System.Text.Encoding.UTF8.GetString(bytes.Span);
            else if (field == 2) value = AnyValue(bytes);
        }

        return (key, value);
    }

    private static object? AnyValue(ReadOnlyMemory<byte> anyValue)
    {
        foreach (var (field, _, number, bytes) in Fields(anyValue))
        {
            switch (field)
            {
                case 1: return System.Text.Encoding.UTF8.GetString(bytes.Span);
                case 2: return number != 0;
                case 3: return (long)number;
                case 4: return BitConverter.Int64BitsToDouble((long)number);
                case 5: return Messages(bytes, 1).Select(AnyValue).Where(v => v is not null).ToArray();
            }
        }

        return null;
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Messages(ReadOnlyMemory<byte> message, int field) =>
        Fields(message).Where(f => f.Field == field && f.Wire == LengthDelimited).Select(f => f.Bytes);

    /// <summary>Each field of a message: its number, wire type, and its value (a varint or fixed number, or the bytes of a length-delimited one).</summary>
    private static List<(int Field, int Wire, ulong Number, ReadOnlyMemory<byte> Bytes)> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<(int, int, ulong, ReadOnlyMemory<byte>)>();
        var at = 0;
        var span = message.Span;
        while (at < span.Length)
        {
            var tag = ReadVarint(span, ref at);
            var (field, wire) = ((int)(tag >> 3), (int)(tag & 7));
            switch (wire)
            {
                case Varint:
                    fields.Add((field, wire, ReadVarint(span, ref at), ReadOnlyMemory<byte>.Empty));
                    break;
                case Fixed64:
                    fields.Add((field, wire, BitConverter.ToUInt64(span.Slice(at, 8)), ReadOnlyMemory<byte>.Empty));
                    at += 8;
                    break;
                case LengthDelimited:
                    var length = (int)ReadVarint(span, ref at);
                    fields.Add((field, wire, 0, message.Slice(at, length)));
                    at += length;
                    break;
                case Fixed32:
                    fields.Add((field, wire, BitConverter.ToUInt32(span.Slice(at, 4)), ReadOnlyMemory<byte>.Empty));
                    at += 4;
                    break;
                default:
                    throw new FormatException($"wire type {wire} of field {field} at byte {at}: not an OTLP message");
            }
        }

        return fields;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = span[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}
