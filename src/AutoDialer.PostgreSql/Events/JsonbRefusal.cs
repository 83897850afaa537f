using System.Text;
using System.Text.Json;

namespace AutoDialer.PostgreSql.Events;

/// <summary>
/// What PostgreSQL's jsonb refuses in JSON that System.Text.Json accepts, found before the insert so one such event
/// does not fail the batch it came in. Measured on PostgreSQL 15: a <c>\u0000</c> escape (22P05 "unsupported Unicode
/// escape sequence"), a lone or reversed surrogate escape such as <c>\ud800</c> (22P02 "invalid input syntax for type
/// json"), and a number numeric cannot hold, more than 131,072 digits before the point or 16,383 after it (22003
/// "value overflows numeric format"; <c>1e131071</c> and <c>1e-16383</c> are stored). Anything else PostgreSQL
/// refuses is caught by <see cref="CallEventStore.StoreAsync"/> row by row.
/// </summary>
internal static class JsonbRefusal
{
    public const string NulEscape = "a \\u0000 escape, which jsonb cannot hold";
    public const string LoneSurrogate = "an escaped UTF-16 surrogate without its pair, which jsonb refuses";
    public const string NumberOutOfRange = "a number beyond the range of PostgreSQL's numeric";

    /// <summary>Numeric's limits: digits before the decimal point, and after it.</summary>
    public const int MaxIntegerDigits = 131_072;
    public const int MaxFractionDigits = 16_383;

    /// <summary>Why jsonb would refuse <paramref name="payload"/>, or null when it would store it.</summary>
    public static string? Of(JsonElement payload)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(payload.GetRawText()));
        while (reader.Read())
        {
            var reason = reader.TokenType switch
            {
                JsonTokenType.String or JsonTokenType.PropertyName when reader.ValueIsEscaped => OfEscapes(reader.ValueSpan),
                JsonTokenType.Number => OfNumber(reader.ValueSpan),
                _ => null,
            };
            if (reason is not null) return reason;
        }
        return null;
    }

    /// <summary>The <c>\uXXXX</c> escapes of a string as written: no NUL, and every surrogate in a high-low pair.</summary>
    private static string? OfEscapes(ReadOnlySpan<byte> escaped)
    {
        var highPending = false;
        for (var i = 0; i < escaped.Length; i++)
        {
            var unit = -1;
            if (escaped[i] == '\\')
            {
                i++;
                if (escaped[i] == 'u')
                {
                    unit = Convert.ToInt32(Encoding.ASCII.GetString(escaped.Slice(i + 1, 4)), 16);
                    i += 4;
                }
            }
            if (unit == 0) return NulEscape;
            var isHigh = unit is >= 0xD800 and <= 0xDBFF;
            var isLow = unit is >= 0xDC00 and <= 0xDFFF;
            if (highPending != isLow) return LoneSurrogate;
            highPending = isHigh;
        }
        return highPending ? LoneSurrogate : null;
    }

    /// <summary>A JSON number as written (<c>-12.5e3</c>): how many digits numeric would need either side of the point.</summary>
    private static string? OfNumber(ReadOnlySpan<byte> number)
    {
        var digits = 0;          // mantissa digits read so far
        var firstSignificant = -1;
        var pointAt = -1;        // mantissa digits before the point
        long exponent = 0;
        var i = number[0] == '-' ? 1 : 0;
        for (; i < number.Length && number[i] is not ((byte)'e' or (byte)'E'); i++)
        {
            if (number[i] == '.') { pointAt = digits; continue; }
            if (firstSignificant < 0 && number[i] != '0') firstSignificant = digits;
            digits++;
        }
        if (pointAt < 0) pointAt = digits;
        if (i < number.Length)
        {
            i++;
            var negative = number[i] == '-';
            if (number[i] is (byte)'-' or (byte)'+') i++;
            for (; i < number.Length; i++)
                exponent = Math.Min(exponent * 10 + (number[i] - '0'), int.MaxValue); // saturates: far past either limit
            if (negative) exponent = -exponent;
        }
        var fractionDigits = digits - pointAt - exponent;
        var integerDigits = firstSignificant < 0 ? 0 : pointAt + exponent - firstSignificant;
        return integerDigits > MaxIntegerDigits || fractionDigits > MaxFractionDigits ? NumberOutOfRange : null;
    }
}
