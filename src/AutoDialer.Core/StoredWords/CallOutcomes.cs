using System.Diagnostics.CodeAnalysis;

namespace AutoDialer.Core.StoredWords;

/// <summary>
/// The stable snake_case names of <see cref="CallOutcome"/>, in both directions: stored in <c>attempts.outcome</c>,
/// <c>contacts.last_outcome</c> and <c>campaign_outcomes.outcome</c>, and the word of the API and of settings (retry
/// delays are keyed by it). SQL names an outcome by these constants, never by a literal.
/// </summary>
internal static class CallOutcomes
{
    public const string Unknown = "unknown";
    public const string Answered = "answered";
    public const string NoAnswer = "no_answer";
    public const string Busy = "busy";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string Blacklisted = "blacklisted";
    public const string Invalid = "invalid";

    /// <summary>Every outcome, in declaration order.</summary>
    public static IReadOnlyList<CallOutcome> All { get; } = Array.AsReadOnly(Enum.GetValues<CallOutcome>());

    // Spelled out rather than derived from the member names so that renaming a member cannot change stored data.
    public static string ToName(this CallOutcome outcome) => outcome switch
    {
        CallOutcome.Unknown => Unknown,
        CallOutcome.Answered => Answered,
        CallOutcome.NoAnswer => NoAnswer,
        CallOutcome.Busy => Busy,
        CallOutcome.Rejected => Rejected,
        CallOutcome.Failed => Failed,
        CallOutcome.Blacklisted => Blacklisted,
        CallOutcome.Invalid => Invalid,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a defined call outcome."),
    };

    /// <summary>Reads a name (case-insensitive: settings and API requests are typed by people).</summary>
    /// <exception cref="FormatException">The text is not an outcome's name.</exception>
    public static CallOutcome Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryParse(name, out var outcome)
            ? outcome
            : throw new FormatException(
                $"'{name}' is not a call outcome; expected one of: {string.Join(", ", All.Select(o => o.ToName()))}.");
    }

    public static bool TryParse([NotNullWhen(true)] string? name, out CallOutcome outcome)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToName(), name, StringComparison.OrdinalIgnoreCase))
            {
                outcome = candidate;
                return true;
            }
        }

        outcome = default;
        return false;
    }
}
