using AutoDialer.Core.Campaigns.Holidays;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// <c>GET /api/holiday-calendars</c>: a calendar a campaign can follow (<c>schedule.holiday_calendar</c>), the dates it
/// vouches for, and <see cref="Coverage"/> seen from today (UTC): <c>covered</c>, <c>ends_soon</c> (within
/// <see cref="HolidayCalendar.WarningDays"/> days) or <c>ended</c>.
/// </summary>
internal sealed record HolidayCalendarView(
    string Id,
    string NameZh,
    string NameEn,
    DateOnly Updated,
    DateOnly CoveredFrom,
    DateOnly CoveredUntil,
    string Coverage,
    IReadOnlyList<int> PendingYears,
    IReadOnlyList<HolidayCalendarView.Break> Holidays,
    IReadOnlyList<DateOnly> MakeUpWorkdays)
{
    public sealed record Break(string NameZh, string NameEn, DateOnly From, DateOnly To);

    public static HolidayCalendarView Of(HolidayCalendar calendar, DateOnly today) => new(calendar.Id, calendar.NameZh, calendar.NameEn,
        calendar.Updated, calendar.CoveredFrom, calendar.CoveredUntil,
        calendar.CoverageOn(today) switch { CalendarCoverage.EndsSoon => "ends_soon", CalendarCoverage.Ended => "ended", _ => "covered" },
        calendar.PendingYears, calendar.Holidays.Select(h => new Break(h.NameZh, h.NameEn, h.From, h.To)).ToList(),
        calendar.MakeUpWorkdays.Select(m => m.Date).ToList());
}
