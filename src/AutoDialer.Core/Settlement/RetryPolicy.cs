using System.Collections.ObjectModel;
using System.Text.Json.Serialization;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Settlement;

/// <summary>
/// When a contact is dialled again after an attempt. Every contact has one shared budget of
/// <see cref="MaxAttempts"/>, whatever mix of outcomes it collects, and at most <see cref="MaxAttemptsPerDay"/> a day.
/// </summary>
internal sealed record RetryPolicy
{
    public static IReadOnlyDictionary<CallOutcome, TimeSpan> DefaultDelays { get; } =
        new ReadOnlyDictionary<CallOutcome, TimeSpan>(new Dictionary<CallOutcome, TimeSpan>
        {
            [CallOutcome.Busy] = TimeSpan.FromMinutes(30),
            [CallOutcome.NoAnswer] = TimeSpan.FromHours(2),
            [CallOutcome.Rejected] = TimeSpan.FromHours(2),
            [CallOutcome.Failed] = TimeSpan.FromMinutes(10),
            [CallOutcome.Unknown] = TimeSpan.FromMinutes(30),
        });

    public static IReadOnlySet<CallOutcome> DefaultFinalOutcomes { get; } =
        new ReadOnlySet<CallOutcome>(new HashSet<CallOutcome> { CallOutcome.Answered, CallOutcome.Blacklisted, CallOutcome.Invalid });

    /// <summary>How long to wait before retrying each retryable outcome.</summary>
    public IReadOnlyDictionary<CallOutcome, TimeSpan> Delays { get; init; } = DefaultDelays;

    /// <summary>Attempts per contact in all, counting every outcome.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Attempts per contact in one day; the rest wait for the nightly batch.</summary>
    public int MaxAttemptsPerDay { get; init; } = 2;

    /// <summary>The default of <see cref="FailuresBeforeNextNumber"/>.</summary>
    public const int DefaultFailuresBeforeNextNumber = 2;

    /// <summary>
    /// A contact with other numbers moves on to the next one after this many failed attempts (no answer, busy, rejected,
    /// failed) on its current one (<see cref="NextNumberRule"/>); the budget stays the contact's.
    /// </summary>
    /// <value>The default value is 2. The value must be 1 or greater.</value>
    public int FailuresBeforeNextNumber { get; init; } = DefaultFailuresBeforeNextNumber;

    /// <summary>Outcomes after which a contact is never dialled again.</summary>
    [JsonConverter(typeof(CallOutcomeSetJsonConverter))]
    public IReadOnlySet<CallOutcome> FinalOutcomes { get; init; } = DefaultFinalOutcomes;

    /// <summary>Decides what follows an attempt that ended with <paramref name="outcome"/>.</summary>
    /// <param name="attemptsSoFar">Attempts of this contact in all, including the one that just ended.</param>
    /// <param name="attemptsToday">Attempts of this contact today, including the one that just ended.</param>
    /// <param name="now">When the attempt ended; retry delays count from here.</param>
    public RetryDecision Decide(CallOutcome outcome, int attemptsSoFar, int attemptsToday, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsSoFar, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsToday, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(attemptsToday, attemptsSoFar);

        // A final outcome wins over an exhausted budget: "answered on the last try" is the more useful report.
        if (FinalOutcomes.Contains(outcome))
        {
            return new RetryDecision.Final(outcome, FinalReason.FinalOutcome);
        }

        if (attemptsSoFar >= MaxAttempts)
        {
            return new RetryDecision.Final(outcome, FinalReason.BudgetExhausted);
        }

        if (!Delays.TryGetValue(outcome, out var delay))
        {
            return new RetryDecision.Final(outcome, FinalReason.NotRetryable);
        }

        return attemptsToday >= MaxAttemptsPerDay
            ? RetryDecision.NextDay.Instance
            : new RetryDecision.RetryAt(now + delay);
    }

    /// <summary>Problems that make this policy unusable; empty when it is fine.</summary>
    public IReadOnlyList<SettingsError> Validate()
    {
        var errors = new List<SettingsError>();
        if (MaxAttempts < 1)
        {
            errors.Add(new SettingsError("max_attempts", $"Must be at least 1, not {MaxAttempts}."));
        }

        if (MaxAttemptsPerDay < 1)
        {
            errors.Add(new SettingsError("max_attempts_per_day", $"Must be at least 1, not {MaxAttemptsPerDay}."));
        }

        if (FailuresBeforeNextNumber < 1)
        {
            errors.Add(new SettingsError("failures_before_next_number", $"Must be at least 1, not {FailuresBeforeNextNumber}."));
        }

        // Null only arrives through deserialisation that skipped the nullable checks; report it instead of crashing.
        if (FinalOutcomes is null)
        {
            errors.Add(new SettingsError("final_outcomes", "Final outcomes are required."));
        }

        if (Delays is null)
        {
            errors.Add(new SettingsError("delays", "Delays are required."));
            return errors;
        }

        foreach (var outcome in CallOutcomes.All)
        {
            var field = $"delays.{outcome.ToName()}";
            if (Delays.TryGetValue(outcome, out var delay))
            {
                if (delay < TimeSpan.Zero)
                {
                    errors.Add(new SettingsError(field, $"Must not be negative, not {delay}."));
                }
            }
            else if (FinalOutcomes is not null && !FinalOutcomes.Contains(outcome))
            {
                // Without this, such an outcome would silently end the contact (FinalReason.NotRetryable).
                errors.Add(new SettingsError(field, "A retryable outcome needs a delay; add one or make the outcome final."));
            }
        }

        return errors;
    }
}
