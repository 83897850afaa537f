namespace AutoDialer.Simulation.Calls;

/// <summary>
/// The simulator's default per-number rule, so tests and demos can pick numbers with a known fate: a number
/// whose digits end in <c>9999</c> followed by one more digit <c>d</c> always gets the same response,
/// <c>d</c> = 0 invalid, 1 busy, 2 no answer, 3 rejected, 4 answers, 5 network failure (6–9: no rule).
/// A number without any digit is invalid. Every other number is left to chance
/// (<see cref="CustomerBehaviour"/>). Examples: <c>+8613800099990</c> is refused as invalid,
/// <c>13800099992</c> never answers, <c>13800099994</c> always answers.
/// </summary>
internal static class NumberSuffixRule
{
    public const string Marker = "9999";

    public static CustomerResponse? Resolve(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        Span<char> digits = stackalloc char[Math.Min(number.Length, 64)];
        var length = 0;
        foreach (var c in number)
        {
            if (char.IsAsciiDigit(c) && length < digits.Length)
            {
                digits[length++] = c;
            }
        }

        if (length == 0)
        {
            return CustomerResponse.Invalid;
        }

        if (length < Marker.Length + 1 || !digits[(length - Marker.Length - 1)..(length - 1)].SequenceEqual(Marker))
        {
            return null;
        }

        return digits[length - 1] switch
        {
            '0' => CustomerResponse.Invalid,
            '1' => CustomerResponse.Busy,
            '2' => CustomerResponse.NoAnswer,
            '3' => CustomerResponse.Reject,
            '4' => CustomerResponse.Answer,
            '5' => CustomerResponse.Fail,
            _ => null,
        };
    }
}
