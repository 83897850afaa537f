using AutoDialer.Core.Campaigns;

namespace AutoDialer.Core.Dispatch;

/// <summary>
/// How often one callee may be dialled, whatever the campaign: at most <see cref="Per24Hours"/> dials in any rolling
/// 24 hours and <see cref="Per7Days"/> in any rolling 7 days, and at most <see cref="PerCallerNumberPer24Hours"/> from
/// the same caller number in 24 hours. 0 turns a cap off.
/// </summary>
public sealed record FrequencyCaps
{
    /// <summary>The defaults a campaign without caps of its own gets: 2 a day, 5 a week, no per-caller-number cap.</summary>
    public static FrequencyCaps Default { get; } = new() { Per24Hours = 2, Per7Days = 5 };

    /// <summary>No caps at all.</summary>
    public static FrequencyCaps Off { get; } = new() { Per24Hours = 0, Per7Days = 0 };

    public int Per24Hours { get; init; }

    public int Per7Days { get; init; }

    public int PerCallerNumberPer24Hours { get; init; }

    /// <summary>How far back dials matter: the longest window of a cap that is on.</summary>
    public TimeSpan Lookback =>
        Per7Days > 0 ? TimeSpan.FromDays(7) : Per24Hours > 0 || PerCallerNumberPer24Hours > 0 ? TimeSpan.FromHours(24) : TimeSpan.Zero;

    public bool AnyOn => Lookback > TimeSpan.Zero;

    public IReadOnlyList<SettingsError> Validate()
    {
        var errors = new List<SettingsError>();
        if (Per24Hours < 0)
            errors.Add(new SettingsError("per_24_hours", $"Must be 0 (off) or more, not {Per24Hours}."));
        if (Per7Days < 0)
            errors.Add(new SettingsError("per_7_days", $"Must be 0 (off) or more, not {Per7Days}."));
        if (PerCallerNumberPer24Hours < 0)
            errors.Add(new SettingsError("per_caller_number_per_24_hours", $"Must be 0 (off) or more, not {PerCallerNumberPer24Hours}."));
        return errors;
    }
}
