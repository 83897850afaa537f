using System.Reflection;

namespace AutoDialer.Core.Campaigns.Holidays;

/// <summary>
/// The holiday calendars a campaign can follow (<c>schedule.holiday_calendar</c>), by id. <see cref="Shipped"/> are the
/// files built into this release (<c>Campaigns/Holidays/*.json</c>, e.g. <c>cn</c>); <see cref="With"/> replaces one by a
/// newer file, which is how an installation takes a new year's notice without a release (<c>AutoDialer:HolidayCalendars</c>).
/// </summary>
internal sealed class HolidayCalendars
{
    private const string ResourcePrefix = "AutoDialer.Core.Campaigns.Holidays.";

    private static readonly Lazy<HolidayCalendars> ShippedCalendars = new(ReadShipped);

    private readonly Dictionary<string, HolidayCalendar> _byId;

    private HolidayCalendars(IEnumerable<HolidayCalendar> calendars)
    {
        _byId = calendars.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The calendars shipped in this release.</summary>
    /// <exception cref="HolidayCalendarException">A shipped file is broken (a unit test reads every one).</exception>
    public static HolidayCalendars Shipped => ShippedCalendars.Value;

    public IReadOnlyList<HolidayCalendar> All => _byId.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();

    /// <summary>The calendar named <paramref name="id"/> (letter case aside), or null.</summary>
    public HolidayCalendar? Find(string? id) => id is null ? null : _byId.GetValueOrDefault(id);

    /// <summary>These calendars with <paramref name="calendar"/> in place of the one of the same id (or added).</summary>
    public HolidayCalendars With(HolidayCalendar calendar) =>
        new(_byId.Values.Where(c => !string.Equals(c.Id, calendar.Id, StringComparison.OrdinalIgnoreCase)).Append(calendar));

    private static HolidayCalendars ReadShipped()
    {
        var assembly = typeof(HolidayCalendars).Assembly;
        var calendars = new List<HolidayCalendar>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            calendars.Add(HolidayCalendarFile.Read(ReadResource(assembly, name), $"shipped {name[ResourcePrefix.Length..]}"));
        return new HolidayCalendars(calendars);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
