namespace AutoDialer.Core.Dispatch;

/// <summary>
/// How a stored E.164 number is handed to a Chinese contact-center provider to dial, and how the number in its
/// events is matched back. Assumption (neither vendor document states the format MakeCall expects): China numbers
/// are dialled in national form — mobiles as their 11 digits, landlines with the trunk 0 (+861012345678 → 01012345678),
/// as the vendors' own examples show national numbers; other countries with the international 00 prefix.
/// </summary>
internal static class DialString
{
    public static string FromE164(string e164)
    {
        if (!e164.StartsWith('+')) return e164;
        if (e164.StartsWith("+86", StringComparison.Ordinal))
        {
            var national = e164[3..];
            return national.Length == 11 && national[0] == '1' ? national : "0" + national;
        }
        return "00" + e164[1..];
    }

    /// <summary>Whether a number seen in a vendor event is the one dialled (ignoring formatting the vendor may add).</summary>
    public static bool SameNumber(string? eventNumber, string dialString)
    {
        if (string.IsNullOrEmpty(eventNumber)) return false;
        var digits = new string(eventNumber.Where(char.IsAsciiDigit).ToArray());
        var dialled = new string(dialString.Where(char.IsAsciiDigit).ToArray());
        return digits == dialled || digits.EndsWith(dialled.TrimStart('0'), StringComparison.Ordinal) && dialled.TrimStart('0').Length >= 7;
    }
}
