using System.Text.Json.Serialization;

namespace AutoDialer.Core.StoredWords;

/// <summary>How one call attempt ended. Stored and exchanged by its name in <see cref="CallOutcomes"/>.</summary>
/// <remarks>
/// The numeric values are not part of any contract (storage uses the name); <see cref="Unknown"/> is zero so
/// that an outcome nobody set reads as "not known" rather than as a real result.
/// </remarks>
[JsonConverter(typeof(CallOutcomeJsonConverter))]
internal enum CallOutcome
{
    Unknown = 0,
    Answered,
    NoAnswer,
    Busy,
    Rejected,
    Failed,
    Blacklisted,
    Invalid,
}
