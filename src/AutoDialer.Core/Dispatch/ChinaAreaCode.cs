namespace AutoDialer.Core.Dispatch;

/// <summary>The telephone area (区号) of a Chinese number, for local presence.</summary>
internal static class ChinaAreaCode
{
    /// <summary>
    /// The area code of <paramref name="e164"/> with its leading 0 (<c>+861062345678</c> → <c>010</c>,
    /// <c>+8675512345678</c> → <c>0755</c>); null when it is not a Chinese number or its area is not known.
    /// </summary>
    /// <param name="e164">A normalised number, e.g. <c>+8613800138000</c>.</param>
    /// <param name="mobileToAreaCode">
    /// Looks up the home area of a mobile number (given in E.164) from a number-segment table; mobile numbers carry no
    /// area code of their own, so without it they have no area.
    /// </param>
    public static string? Of(string? e164, Func<string, string?>? mobileToAreaCode = null)
    {
        if (e164 is null || !e164.StartsWith("+86", StringComparison.Ordinal))
        {
            return null;
        }

        var digits = e164.AsSpan(3);
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        if (digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9')
        {
            return mobileToAreaCode?.Invoke(e164);
        }

        // A landline is area code (without its 0) + a 7- or 8-digit subscriber number: 9 to 11 digits.
        if (digits.Length is < 9 or > 11)
        {
            return null;
        }

        // Beijing (10) and the 2x cities have two-digit codes; every other area starting 3–9 has three.
        return digits switch
        {
            ['1', '0', ..] or ['2', ..] => string.Concat("0", digits[..2]),
            [>= '3' and <= '9', ..] => string.Concat("0", digits[..3]),
            _ => null,
        };
    }

    /// <summary>Whether two area codes name the same area; a leading 0 is optional (<c>0755</c> = <c>755</c>).</summary>
    public static bool SameArea(string? left, string? right)
    {
        var a = Canonical(left);
        var b = Canonical(right);
        return a.Length > 0 && a.Equals(b, StringComparison.OrdinalIgnoreCase);
    }

    private static ReadOnlySpan<char> Canonical(string? code) => code.AsSpan().Trim().TrimStart('0');
}
