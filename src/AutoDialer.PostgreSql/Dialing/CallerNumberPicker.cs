using AutoDialer.Core.Dialing;

namespace AutoDialer.PostgreSql.Dialing;

/// <summary>
/// Chooses caller numbers for one lease by the campaign's rotation policy, from the usage read under lock and
/// counting each choice as it is made, so later choices in the same lease see the earlier ones (caps, least used).
/// </summary>
internal sealed class CallerNumberPicker
{
    private readonly RunningCampaign campaign;
    private readonly Dictionary<string, CallerNumberUsage> usages;
    private readonly IReadOnlyList<CallerNumber> numbers;
    private readonly ICallerNumberRotation? rotation;
    private readonly DateTimeOffset now;

    public CallerNumberPicker(RunningCampaign campaign, IReadOnlyList<CallerNumberUsageRow> rows, DateTimeOffset now)
    {
        this.campaign = campaign;
        this.now = now;
        var settings = campaign.Settings;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.Schedule.TimeZoneId);
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var today = Today;
        usages = rows.ToDictionary(u => u.id, u => u.ToUsage(today), StringComparer.Ordinal);
        // Only numbers that exist in the table can be counted; one added to the settings but not yet stored is not used.
        numbers = settings.CallerNumbers.Where(n => usages.ContainsKey(n.Id)).ToList();
        rotation = numbers.Count > 0 ? settings.Rotation.Create() : null;
    }

    /// <summary>The campaign's day, in its time zone: per-day caps count from its midnight.</summary>
    public DateOnly Today { get; }

    public CallerNumber? Pick(string callee, long cursor)
    {
        if (rotation is null) return null;
        var choice = rotation.Choose(new CallerNumberChoice(callee, numbers, usages, now, cursor));
        if (choice is null) return null;
        var usage = usages[choice.Id];
        usages[choice.Id] = usage with { UsedToday = usage.UsedToday + 1, LastUsedAt = now };
        return choice;
    }
}
