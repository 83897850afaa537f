namespace AutoDialer.Core.Privacy;

/// <summary>
/// Phone numbers as they may appear in logs: enough to tell two calls apart and to recognise a country or a
/// carrier prefix, not enough to call the person. <c>+8613800138000</c> → <c>+86138****8000</c>.
/// </summary>
internal static class PhoneMask
{
    public static string Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return "";
        var digits = 0;
        foreach (var c in phone)
            if (char.IsAsciiDigit(c)) digits++;
        // Short codes and garbage: nothing worth keeping, and keeping part of them could be all of them.
        if (digits < 7) return new string('*', phone.Length);

        var keepHead = phone.StartsWith('+') ? Math.Min(6, phone.Length - 4) : 3;
        const int keepTail = 4;
        var masked = phone.ToCharArray();
        for (var i = keepHead; i < masked.Length - keepTail; i++)
            if (char.IsAsciiDigit(masked[i])) masked[i] = '*';
        return new string(masked);
    }
}
