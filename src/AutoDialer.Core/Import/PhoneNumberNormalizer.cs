using System.Text;

namespace AutoDialer.Core.Import;

/// <summary>
/// Turns a raw phone cell from a contact list into an E.164 number, following DESIGN.md "Contact lists"
/// step by step. It runs once per row of every import (millions of times), so it works on spans with plain
/// loops and allocates only the result strings.
/// </summary>
internal static class PhoneNumberNormalizer
{
    private const string ChinaPrefix = "+86";

    // Longer cells are not phone numbers, but they still deserve a reason code rather than a stack overflow.
    private const int StackBufferLength = 64;

    /// <summary>
    /// The format rules, then the metadata: a well-formed number that cannot exist is rejected as
    /// <see cref="RejectReason.InvalidNumber"/>, and an accepted one carries its <see cref="NumberFacts"/>. For contacts;
    /// the do-not-call list takes <see cref="Normalize"/> alone, because a block must never be dropped.
    /// </summary>
    public static NormalizedPhone NormalizeAndValidate(string? raw)
    {
        var normalized = Normalize(raw);
        if (normalized.Phone is not { } phone)
        {
            return normalized;
        }

        return PhoneNumberMetadata.Describe(phone) is { } facts
            ? normalized with { Facts = facts }
            : Reject(RejectReason.InvalidNumber);
    }

    /// <summary>The brief's format rules only (no metadata): an E.164 number or a reason.</summary>
    public static NormalizedPhone Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Reject(RejectReason.Empty);
        }

        // 1. NFKC folds full-width digits, ＋ and the ideographic space. ASCII is already NFKC, and nearly
        //    every cell is ASCII, so skip the ICU call (and its allocation) for those.
        string text = Ascii.IsValid(raw) ? raw : raw.Normalize(NormalizationForm.FormKC);
        ReadOnlySpan<char> cell = text.AsSpan().Trim();

        // 2. Excel artefacts.
        cell = UnwrapExcelText(cell);
        if (cell.IsEmpty)
        {
            return Reject(RejectReason.Empty);
        }

        if (IsScientificNotation(cell))
        {
            return Reject(RejectReason.ExcelScientific);
        }

        cell = WithoutTrailingPointZero(cell);

        // 3. Extension.
        string? extension = SplitExtension(ref cell);

        // 4. Visual separators.
        Span<char> buffer = cell.Length <= StackBufferLength ? stackalloc char[StackBufferLength] : new char[cell.Length];
        int length = 0;
        foreach (char c in cell)
        {
            if (!IsSeparator(c))
            {
                buffer[length++] = c;
            }
        }

        if (length == 0)
        {
            return Reject(RejectReason.Empty);
        }

        ReadOnlySpan<char> digits = buffer[..length];

        // 5. International prefixes.
        bool international = false;
        if (digits[0] == '+')
        {
            international = true;
            digits = digits[1..];
        }
        else if (digits.StartsWith("00"))
        {
            international = true;
            digits = digits[2..];
        }

        if (!IsAllDigits(digits))
        {
            return Reject(RejectReason.InvalidFormat);
        }

        // The brief's rule: +86 / 86 followed by exactly 11 digits → those 11 digits, which step 6 then classifies.
        // One exception: "+86" and 11 digits that are no mobile is a landline in E.164 (a 3-digit area code and an
        // 8-digit number, "+86 755 1234 5678"): this normaliser's own output for "0755-12345678", which must read
        // back as itself (a CRM sends the do-not-call list its E.164 numbers). Without the "+" it stays ambiguous.
        if (digits.Length == 13 && digits.StartsWith("86"))
        {
            if (international && digits[2] is not ('1' or '0'))
            {
                return ClassifyNational(string.Concat("0".AsSpan(), digits[2..]), extension);
            }

            international = false;
            digits = digits[2..];
        }

        // 6. Classification; 7. reject with a reason.
        if (international)
        {
            return digits.Length switch
            {
                < 8 => Reject(RejectReason.TooShort),
                > 15 => Reject(RejectReason.TooLong),
                _ => Accept(string.Concat("+".AsSpan(), digits), extension),
            };
        }

        // Not international, so step 5 left at least one character that is not part of a "00" prefix.
        return ClassifyNational(digits, extension);
    }

    private static NormalizedPhone ClassifyNational(ReadOnlySpan<char> digits, string? extension)
    {
        switch (digits[0])
        {
            case '1':
                if (digits.Length < 11)
                {
                    return Reject(RejectReason.TooShort);
                }

                if (digits.Length > 11)
                {
                    return Reject(RejectReason.TooLong);
                }

                return digits[1] is >= '3' and <= '9'
                    ? Accept(string.Concat(ChinaPrefix.AsSpan(), digits), extension)
                    : Reject(RejectReason.InvalidFormat);

            case '0':
                if (digits.Length < 10)
                {
                    return Reject(RejectReason.TooShort);
                }

                if (digits.Length > 12)
                {
                    return Reject(RejectReason.TooLong);
                }

                // A second 0 cannot occur here: step 5 already read "00" as an international prefix.
                return Accept(string.Concat(ChinaPrefix.AsSpan(), digits[1..]), extension);

            default:
                return digits.Length switch
                {
                    < 8 => Reject(RejectReason.TooShort),
                    > 15 => Reject(RejectReason.TooLong),
                    _ => Reject(RejectReason.InvalidFormat),
                };
        }
    }

    private static ReadOnlySpan<char> UnwrapExcelText(ReadOnlySpan<char> cell)
    {
        // ="…" is how Excel users force a long number to stay text; the CSV carries the formula literally.
        if (cell.Length >= 3 && cell[0] == '=' && cell[1] == '"' && cell[^1] == '"')
        {
            return cell[2..^1].Trim();
        }

        return cell;
    }

    /// <summary>digits[(.|,)digits](E|e)[+|-]digits — the comma is the decimal mark of European Excel.</summary>
    private static bool IsScientificNotation(ReadOnlySpan<char> cell)
    {
        int i = SkipDigits(cell, 0);
        if (i == 0)
        {
            return false;
        }

        if (i < cell.Length && cell[i] is '.' or ',')
        {
            int fractionEnd = SkipDigits(cell, i + 1);
            if (fractionEnd == i + 1)
            {
                return false;
            }

            i = fractionEnd;
        }

        if (i >= cell.Length || cell[i] is not ('E' or 'e'))
        {
            return false;
        }

        i++;
        if (i < cell.Length && cell[i] is '+' or '-')
        {
            i++;
        }

        int exponentEnd = SkipDigits(cell, i);
        return exponentEnd > i && exponentEnd == cell.Length;
    }

    private static ReadOnlySpan<char> WithoutTrailingPointZero(ReadOnlySpan<char> cell)
    {
        // A number column read as float and written back (pandas, some exports) gains ".0".
        if (cell.Length >= 3 && cell[^1] == '0' && cell[^2] == '.' && char.IsAsciiDigit(cell[^3]))
        {
            return cell[..^2];
        }

        return cell;
    }

    /// <summary>
    /// Cuts the cell at the first extension marker that follows a digit and returns the extension
    /// (null when absent or blank). Requiring a digit first keeps a leading "#" or "x" from swallowing
    /// the whole cell, which then rightly fails as invalid_format.
    /// </summary>
    private static string? SplitExtension(ref ReadOnlySpan<char> cell)
    {
        bool seenDigit = false;
        for (int i = 0; i < cell.Length; i++)
        {
            char c = cell[i];
            if (char.IsAsciiDigit(c))
            {
                seenDigit = true;
                continue;
            }

            if (!seenDigit)
            {
                continue;
            }

            int markerEnd = MarkerEnd(cell, i);
            if (markerEnd < 0)
            {
                continue;
            }

            ReadOnlySpan<char> extension = cell[markerEnd..].Trim();
            cell = cell[..i].TrimEnd();
            return extension.IsEmpty ? null : extension.ToString();
        }

        return null;
    }

    /// <summary>Index just past the extension marker starting at <paramref name="i"/>, or -1.</summary>
    private static int MarkerEnd(ReadOnlySpan<char> cell, int i)
    {
        char c = cell[i];
        if (c is '#' or '转' or 'x' or 'X')
        {
            return i + 1;
        }

        if (c is 'e' or 'E' && cell[i..].StartsWith("ext", StringComparison.OrdinalIgnoreCase))
        {
            int end = i + 3;
            return end < cell.Length && cell[end] == '.' ? end + 1 : end;
        }

        return -1;
    }

    private static bool IsSeparator(char c) => c is ' ' or '-' or '.' or '(' or ')' or '/' || char.IsWhiteSpace(c);

    private static int SkipDigits(ReadOnlySpan<char> s, int start)
    {
        int i = start;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsAllDigits(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static NormalizedPhone Accept(string phone, string? extension) => new(phone, null, extension);

    private static NormalizedPhone Reject(string reason) => new(null, reason, null);
}
