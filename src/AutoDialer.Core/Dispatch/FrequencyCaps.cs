using System.Text.Json.Serialization;
using AutoDialer.Core.Campaigns;

namespace AutoDialer.Core.Dispatch;

/// <summary>
/// How often one callee may be dialled, whatever the campaign: at most <see cref="Per24Hours"/> dials in any rolling
/// 24 hours and <see cref="Per7Days"/> in any rolling 7 days, and at most <see cref="PerCallerNumberPer24Hours"/> from
/// the same caller number in 24 hours. 0 turns a cap off.
/// </summary>
/// <remarks>
/// The JSON names are spelt out: SnakeCaseLower would make <c>per24_hours</c>, which no document used, and a manager who
/// wrote the documented name had it skipped, the cap stored as 0, off. Each is required in JSON: a cap left out would be
/// 0, off, where a campaign without caps of its own gets the installation's.
/// </remarks>
internal sealed record FrequencyCaps
{
    public const string Per24HoursName = "per_24_hours";
    public const string Per7DaysName = "per_7_days";
    public const string PerCallerNumberPer24HoursName = "per_caller_number_per_24_hours";

    /// <summary>The defaults a campaign without caps of its own gets: 2 a day, 5 a week, no per-caller-number cap.</summary>
    public static FrequencyCaps Default { get; } = new() { Per24Hours = 2, Per7Days = 5 };

    /// <summary>No caps at all.</summary>
    public static FrequencyCaps Off { get; } = new() { Per24Hours = 0, Per7Days = 0 };

    [JsonPropertyName(Per24HoursName), JsonRequired]
    public int Per24Hours { get; init; }

    [JsonPropertyName(Per7DaysName), JsonRequired]
    public int Per7Days { get; init; }

    [JsonPropertyName(PerCallerNumberPer24HoursName), JsonRequired]
    public int PerCallerNumberPer24Hours { get; init; }

    /// <summary>How far back dials matter: the longest window of a cap that is on. Derived, so never stored or sent.</summary>
    [JsonIgnore]
    public TimeSpan Lookback =>
        Per7Days > 0 ? TimeSpan.FromDays(7) : Per24Hours > 0 || PerCallerNumberPer24Hours > 0 ? TimeSpan.FromHours(24) : TimeSpan.Zero;

    [JsonIgnore]
    public bool AnyOn => Lookback > TimeSpan.Zero;

    public IReadOnlyList<SettingsError> Validate()
    {
        var errors = new List<SettingsError>();
        if (Per24Hours < 0)
            errors.Add(new SettingsError(Per24HoursName, $"Must be 0 (off) or more, not {Per24Hours}."));
        if (Per7Days < 0)
            errors.Add(new SettingsError(Per7DaysName, $"Must be 0 (off) or more, not {Per7Days}."));
        if (PerCallerNumberPer24Hours < 0)
            errors.Add(new SettingsError(PerCallerNumberPer24HoursName, $"Must be 0 (off) or more, not {PerCallerNumberPer24Hours}."));
        return errors;
    }
}
