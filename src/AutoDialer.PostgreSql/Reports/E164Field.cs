using System.Globalization;
using CsvHelper;

namespace AutoDialer.PostgreSql.Reports;

/// <summary>
/// Writes a normalised number as plain E.164 (<c>+8613800138000</c>), not escaped like untrusted text: the normaliser
/// only ever stores <c>+</c> and digits, which a spreadsheet cannot run, and a system reading the export back needs the
/// number as it is. CsvHelper escapes text only, never numbers, so the digits are written as a number whose format adds
/// the <c>+</c>; anything that is not <c>+</c> and 1–15 digits is written as text and stays escaped.
/// </summary>
internal static class E164Field
{
    // E.164 allows 15 digits at most: always within a long.
    private const int MaxDigits = 15;

    public static void Write(CsvWriter csv, string? phone)
    {
        if (phone is ['+', .. var digits] && digits.Length is > 0 and <= MaxDigits && !digits.AsSpan().ContainsAnyExceptInRange('0', '9')
            && digits[0] != '0')
        {
            csv.WriteField(long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture), "'+'0");
            return;
        }

        csv.WriteField(phone);
    }
}
