namespace AutoDialer.AspNetCore.Tests.Observability;

/// <summary>One span as an OTLP collector receives it: its ids (hex), name and attributes (a string, a long, a bool, a
/// double, or an array of them).</summary>
internal sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, object> Attributes)
{
    /// <summary>Whether the span is about <paramref name="attempt"/>: its own attempt, or one of its batch's.</summary>
    public bool Names(long attempt, string attemptTag, string attemptsTag) =>
        (Attributes.TryGetValue(attemptTag, out var one) && one is long id && id == attempt)
        || (Attributes.TryGetValue(attemptsTag, out var many) && many is object[] ids && ids.OfType<long>().Contains(attempt));
}
