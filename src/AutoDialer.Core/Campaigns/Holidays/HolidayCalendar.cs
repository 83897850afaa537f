using System.Collections.Frozen;

namespace AutoDialer.Core.Campaigns.Holidays;

/// <summary>
/// A national holiday calendar, as its notices set it: the days off (<see cref="Holidays"/>) and the make-up working
/// days (<see cref="MakeUpWorkdays"/>), vouched for from <see cref="CoveredFrom"/> to <see cref="CoveredUntil"/>. A date
/// outside that range has no data, which is not the same as no holiday: <see cref="CoverageOn"/> says when to warn.
/// Read from a file by <see cref="HolidayCalendarFile"/>; looked up by date across every notice, never by the year of
/// the date (a notice for one year can set dates in the December before it).
/// </summary>
internal sealed class HolidayCalendar
{
    /// <summary>How many days before <see cref="CoveredUntil"/> a campaign that follows the calendar is warned.</summary>
    public const int WarningDays = 30;

    private readonly FrozenDictionary<DateOnly, Holiday> _daysOff;
    private readonly FrozenDictionary<DateOnly, MakeUpWorkday> _makeUpDays;

    public HolidayCalendar(string id, string nameZh, string nameEn, DateOnly updated, DateOnly coveredFrom, DateOnly coveredUntil,
        IReadOnlyList<Holiday> holidays, IReadOnlyList<MakeUpWorkday> makeUpWorkdays, IReadOnlyList<int> pendingYears)
    {
        Id = id;
        NameZh = nameZh;
        NameEn = nameEn;
        Updated = updated;
        CoveredFrom = coveredFrom;
        CoveredUntil = coveredUntil;
        Holidays = holidays;
        MakeUpWorkdays = makeUpWorkdays;
        PendingYears = pendingYears;
        var daysOff = new Dictionary<DateOnly, Holiday>();
        foreach (var holiday in holidays)
            for (var date = holiday.From; date <= holiday.To; date = date.AddDays(1))
                daysOff.TryAdd(date, holiday);
        _daysOff = daysOff.ToFrozenDictionary();
        _makeUpDays = makeUpWorkdays.GroupBy(d => d.Date).ToFrozenDictionary(g => g.Key, g => g.First());
    }

    /// <summary>The id campaigns name it by (<c>schedule.holiday_calendar</c>), e.g. <c>cn</c>.</summary>
    public string Id { get; }

    public string NameZh { get; }

    public string NameEn { get; }

    /// <summary>When the file was last brought up to date.</summary>
    public DateOnly Updated { get; }

    public DateOnly CoveredFrom { get; }

    /// <summary>The last date the file vouches for; later dates have no holiday data yet.</summary>
    public DateOnly CoveredUntil { get; }

    public IReadOnlyList<Holiday> Holidays { get; }

    public IReadOnlyList<MakeUpWorkday> MakeUpWorkdays { get; }

    /// <summary>Years whose notice was looked for and not found (or not yet published) when the file was updated.</summary>
    public IReadOnlyList<int> PendingYears { get; }

    /// <summary>The holiday <paramref name="date"/> is a day off of, or null.</summary>
    public Holiday? HolidayOn(DateOnly date) => _daysOff.GetValueOrDefault(date);

    /// <summary>Whether <paramref name="date"/> is a make-up working day (a weekend day worked in place of a holiday).</summary>
    public bool IsMakeUpWorkday(DateOnly date) => _makeUpDays.ContainsKey(date);

    /// <summary>Whether, seen from <paramref name="today"/>, the data is about to end or has ended.</summary>
    public CalendarCoverage CoverageOn(DateOnly today) =>
        today > CoveredUntil ? CalendarCoverage.Ended
        : CoveredUntil.DayNumber - today.DayNumber <= WarningDays ? CalendarCoverage.EndsSoon
        : CalendarCoverage.Covered;
}
