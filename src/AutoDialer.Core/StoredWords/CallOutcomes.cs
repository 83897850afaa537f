using System.Diagnostics.CodeAnalysis;

namespace AutoDialer.Core.StoredWords;

/// <summary>The stable snake_case wire names of <see cref="CallOutcome"/>, as stored in <c>contacts.last_outcome</c>.</summary>
public static class CallOutcomes
{
    /// <summary>Every outcome, in declaration order.</summary>
    public static IReadOnlyList<CallOutcome> All { get; } = Array.AsReadOnly(Enum.GetValues<CallOutcome>());

    // Spelled out rather than derived from the member names so that renaming a member cannot change stored data.
    public static string ToWireName(this CallOutcome outcome) => outcome switch
    {
        CallOutcome.Unknown => "unknown",
        CallOutcome.Answered => "answered",
        CallOutcome.NoAnswer => "no_answer",
        CallOutcome.Busy => "busy",
        CallOutcome.Rejected => "rejected",
        CallOutcome.Failed => "failed",
        CallOutcome.Blacklisted => "blacklisted",
        CallOutcome.Invalid => "invalid",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a defined call outcome."),
    };

    /// <summary>Parses a wire name (case-insensitive).</summary>
    /// <exception cref="FormatException">The text is not a wire name.</exception>
    public static CallOutcome Parse(string wireName)
    {
        ArgumentNullException.ThrowIfNull(wireName);
        return TryParse(wireName, out var outcome)
            ? outcome
            : throw new FormatException(
                $"'{wireName}' is not a call outcome; expected one of: {string.Join(", ", All.Select(o => o.ToWireName()))}.");
    }

    public static bool TryParse([NotNullWhen(true)] string? wireName, out CallOutcome outcome)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToWireName(), wireName, StringComparison.OrdinalIgnoreCase))
            {
                outcome = candidate;
                return true;
            }
        }

        outcome = default;
        return false;
    }
}
