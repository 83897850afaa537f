namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// A normalised number (<c>+</c> and 1–15 digits, E.164's longest) packed into one non-zero 64-bit key for
/// <see cref="PhoneKeySet"/>. The digit count is part of the key, so <c>+0123…</c> and <c>+123…</c> stay distinct.
/// </summary>
internal static class PhoneKey
{
    private const int MaxDigits = 15;
    private const int LengthShift = 50; // 10^15 < 2^50, and 15 < 2^4: keys stay below 2^54

    /// <summary>The same number's key as an entry of the do-not-call list, so one set can hold both kinds.</summary>
    public static long OnDoNotCallList(long key) => key | 1L << 60;

    public static bool TryCreate(string? phone, out long key)
    {
        key = 0;
        if (phone is null || phone.Length < 2 || phone.Length > MaxDigits + 1 || phone[0] != '+')
            return false;
        long value = 0;
        for (var i = 1; i < phone.Length; i++)
        {
            var digit = phone[i] - '0';
            if ((uint)digit > 9)
                return false;
            value = value * 10 + digit;
        }
        key = ((long)(phone.Length - 1) << LengthShift) | value;
        return true;
    }
}
