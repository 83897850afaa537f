using AutoDialer.Core.Campaigns;

namespace AutoDialer.Core.Dispatch;

/// <summary>
/// Chooses caller numbers for one lease by the campaign's rotation policy, from the usage read under lock and
/// counting each choice as it is made, so later choices in the same lease see the earlier ones (caps, least used).
/// </summary>
internal sealed class CallerNumberPicker
{
    private readonly Dictionary<string, CallerNumberUsage> _usages;
    private readonly IReadOnlyList<CallerNumber> _numbers;
    private readonly ICallerNumberRotation? _rotation;
    private readonly DateTimeOffset _now;

    public CallerNumberPicker(CampaignSettings settings, IReadOnlyList<CallerNumberRecord> records, DateTimeOffset now)
    {
        _now = now;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.Schedule.TimeZoneId);
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var today = Today;
        _usages = records.ToDictionary(r => r.Id, r => r.ToUsage(today), StringComparer.Ordinal);
        // Only numbers that exist in the table can be counted; one added to the settings but not yet stored is not used.
        _numbers = settings.CallerNumbers.Where(n => _usages.ContainsKey(n.Id)).Select(n => n.WithPlace()).ToList();
        _rotation = _numbers.Count > 0 ? settings.Rotation.Create() : null;
    }

    /// <summary>The campaign's day, in its time zone: per-day caps count from its midnight.</summary>
    public DateOnly Today { get; }

    /// <summary>Whether every caller number is in <paramref name="excluded"/> (E.164), so none may call this callee now.</summary>
    public bool AllExcluded(IReadOnlySet<string> excluded) => _rotation is not null && excluded.Count > 0 && _numbers.All(n => excluded.Contains(n.Number));

    /// <param name="callee">The number about to be dialled.</param>
    /// <param name="cursor">The rotation's cursor (the attempt id).</param>
    /// <param name="excluded">Caller numbers (E.164) that may not call this callee now (the per-caller-number frequency cap).</param>
    /// <param name="calleeProvince">The callee's home province as stored at import, if known.</param>
    /// <param name="calleeCity">The callee's home city as stored at import, if known.</param>
    public CallerNumber? Pick(string callee, long cursor, IReadOnlySet<string>? excluded = null, string? calleeProvince = null, string? calleeCity = null)
    {
        if (_rotation is null) return null;
        var allowed = excluded is { Count: > 0 } ? _numbers.Where(n => !excluded.Contains(n.Number)).ToList() : _numbers;
        var choice = _rotation.Choose(new CallerNumberChoice(callee, allowed, _usages, _now, cursor, calleeProvince, calleeCity));
        if (choice is null) return null;
        var usage = _usages[choice.Id];
        _usages[choice.Id] = usage with { UsedToday = usage.UsedToday + 1, LastUsedAt = _now };
        return choice;
    }
}
