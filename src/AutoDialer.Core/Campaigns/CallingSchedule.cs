using System.Text.Json.Serialization;
using AutoDialer.Core.Campaigns.Holidays;

namespace AutoDialer.Core.Campaigns;

/// <summary>
/// When a campaign may call: weekly <see cref="Windows"/> in local time, minus whole <see cref="BlackoutDates"/>, minus
/// the days off of the national holiday calendar it follows (<see cref="HolidayCalendarId"/>), whose make-up working
/// days may take a weekday's windows (<see cref="MakeUpWorkdayWindows"/>). Local time is the contact's own time zone
/// when it has a valid one, else the campaign's <see cref="TimeZoneId"/>.
/// </summary>
/// <remarks>
/// Precedence, strongest first: the campaign's blackout dates; the calendar's days off; its make-up working days; the
/// weekly windows. A date past the calendar's coverage has no holiday data: it is dialled by the windows alone (the
/// diagnostics warn before that happens, <see cref="HolidayCalendar.CoverageOn"/>).
/// </remarks>
/// <param name="TimeZoneId">IANA id of the campaign's time zone, e.g. <c>Asia/Shanghai</c>.</param>
/// <param name="Windows">Weekly windows; they may overlap. No windows means never open.</param>
/// <param name="BlackoutDates">Local dates on which nothing is dialled, whatever the windows say.</param>
internal sealed record CallingSchedule(
    string TimeZoneId,
    IReadOnlyList<CallingWindow> Windows,
    IReadOnlyList<DateOnly>? BlackoutDates = null)
{
    /// <summary>How far <see cref="NextOpening"/> looks ahead.</summary>
    public static readonly TimeSpan SearchHorizon = TimeSpan.FromDays(14);

    // Offsets change at most a few times a year; scanning in steps this short cannot step over two changes.
    private static readonly TimeSpan TransitionScanStep = TimeSpan.FromHours(6);

    public IReadOnlyList<DateOnly> BlackoutDates { get; init; } = BlackoutDates ?? [];

    /// <summary>The national holiday calendar whose days off close the schedule (e.g. <c>cn</c>); null follows none.</summary>
    [JsonPropertyName("holiday_calendar")]
    public string? HolidayCalendarId { get; init; }

    /// <summary>
    /// On the calendar's make-up working days (调休上班, weekend days worked in place of a holiday), the windows of this
    /// weekday apply instead of the day's own; null leaves them ordinary weekend days. Needs <see cref="HolidayCalendarId"/>.
    /// </summary>
    public DayOfWeek? MakeUpWorkdayWindows { get; init; }

    /// <summary>
    /// The data of <see cref="HolidayCalendarId"/>, carried by the schedule so that the gate needs nothing else: attached
    /// where settings are read for dialling (<see cref="WithCalendarFrom"/>). Not stored; null applies no holidays.
    /// </summary>
    [JsonIgnore]
    public HolidayCalendar? Calendar { get; init; }

    /// <summary>Open every day, all day, except on blackout dates.</summary>
    public static CallingSchedule Always(string timeZoneId) =>
        Every(timeZoneId, TimeOnly.MinValue, TimeOnly.MaxValue);

    /// <summary>Monday to Sunday, 09:00–21:00.</summary>
    public static CallingSchedule Default(string timeZoneId) =>
        Every(timeZoneId, new TimeOnly(9, 0), new TimeOnly(21, 0));

    /// <summary>Creates a schedule and validates it.</summary>
    /// <exception cref="SettingsValidationException">The schedule is not usable (see <see cref="Validate"/>).</exception>
    public static CallingSchedule Create(
        string timeZoneId,
        IReadOnlyList<CallingWindow> windows,
        IReadOnlyList<DateOnly>? blackoutDates = null)
    {
        var schedule = new CallingSchedule(timeZoneId, windows, blackoutDates);
        var errors = schedule.Validate();
        return errors.Count == 0 ? schedule : throw new SettingsValidationException(errors);
    }

    /// <summary>This schedule carrying the data of its holiday calendar from <paramref name="calendars"/> (none when it follows none).</summary>
    public CallingSchedule WithCalendarFrom(HolidayCalendars calendars) =>
        this with { Calendar = calendars.Find(HolidayCalendarId) };

    /// <summary>Problems that make this schedule unusable; empty when it is fine. Duplicate windows are allowed.</summary>
    /// <param name="calendars">The holiday calendars that exist (default: those shipped).</param>
    public IReadOnlyList<SettingsError> Validate(HolidayCalendars? calendars = null)
    {
        var errors = new List<SettingsError>();
        if (HolidayCalendarId is not null && (calendars ?? HolidayCalendars.Shipped).Find(HolidayCalendarId) is null)
        {
            var known = string.Join(", ", (calendars ?? HolidayCalendars.Shipped).All.Select(c => c.Id));
            errors.Add(new SettingsError("holiday_calendar", $"'{HolidayCalendarId}' is not a holiday calendar here; the calendars are: {known}."));
        }

        if (MakeUpWorkdayWindows is { } makeUpDay)
        {
            if (!Enum.IsDefined(makeUpDay))
                errors.Add(new SettingsError("make_up_workday_windows", $"Day {(int)makeUpDay} is not a day of the week."));
            else if (HolidayCalendarId is null)
                errors.Add(new SettingsError("make_up_workday_windows", "Make-up working days come from a holiday calendar: choose holiday_calendar too."));
        }

        if (!TimeZones.TryFind(TimeZoneId, out _))
        {
            errors.Add(new SettingsError("time_zone_id", $"'{TimeZoneId}' is not a known IANA time zone."));
        }

        // Null only arrives through deserialisation that skipped the nullable checks; report it instead of crashing.
        if (Windows is null)
        {
            errors.Add(new SettingsError("windows", "Windows are required."));
        }
        else if (Windows.Count == 0)
        {
            // A schedule that never opens would strand every contact silently; pausing the campaign says so openly.
            errors.Add(new SettingsError("windows", "At least one calling window is required."));
        }
        else
        {
            for (var i = 0; i < Windows.Count; i++)
            {
                errors.AddRange(Windows[i] is { } window
                    ? window.Validate($"windows[{i}]")
                    : [new SettingsError($"windows[{i}]", "A window is required.")]);
            }
        }

        return errors;
    }

    /// <summary>Whether a call may be placed at <paramref name="instant"/>.</summary>
    /// <param name="contactTimeZone">The contact's IANA time zone; ignored when empty or unknown.</param>
    /// <exception cref="InvalidOperationException">The contact has no usable zone and <see cref="TimeZoneId"/> is unknown.</exception>
    public bool IsOpen(DateTimeOffset instant, string? contactTimeZone = null) =>
        IsOpenIn(ZoneFor(contactTimeZone), instant);

    /// <summary>Whether <paramref name="instant"/> falls on a blackout date, in the contact's zone or else the campaign's.</summary>
    /// <exception cref="InvalidOperationException">The contact has no usable zone and <see cref="TimeZoneId"/> is unknown.</exception>
    public bool IsBlackout(DateTimeOffset instant, string? contactTimeZone = null) =>
        BlackoutDates.Count > 0 && BlackoutDates.Contains(LocalDate(instant, contactTimeZone));

    /// <summary>The holiday whose day off <paramref name="instant"/> falls on, in the contact's zone or else the campaign's; null when none.</summary>
    /// <exception cref="InvalidOperationException">The contact has no usable zone and <see cref="TimeZoneId"/> is unknown.</exception>
    public Holiday? HolidayOn(DateTimeOffset instant, string? contactTimeZone = null) =>
        Calendar?.HolidayOn(LocalDate(instant, contactTimeZone));

    /// <summary>
    /// <paramref name="from"/> itself when open, else the first later instant at which a window opens, looking
    /// <see cref="SearchHorizon"/> ahead; null when nothing opens in that time.
    /// </summary>
    /// <remarks>
    /// A window that starts at a local time skipped by a daylight-saving change opens when the clocks land past the
    /// gap (02:30 on a 02:00→03:00 morning opens at 03:00); a start in a repeated hour opens at its first occurrence.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The contact has no usable zone and <see cref="TimeZoneId"/> is unknown.</exception>
    public DateTimeOffset? NextOpening(DateTimeOffset from, string? contactTimeZone = null)
    {
        var zone = ZoneFor(contactTimeZone);
        if (IsOpenIn(zone, from))
        {
            return from;
        }

        var horizon = from + SearchHorizon;
        DateTimeOffset? earliest = null;
        foreach (var candidate in OpeningCandidates(zone, from, horizon))
        {
            if (candidate > from && candidate <= horizon && (earliest is null || candidate < earliest) && IsOpenIn(zone, candidate))
            {
                earliest = candidate;
            }
        }

        return earliest;
    }

    private bool IsOpenIn(TimeZoneInfo zone, DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        var date = DateOnly.FromDateTime(local);

        // An overnight window's early-morning part is closed when that morning's date is blacked out or a day off.
        if (BlackoutDates.Contains(date) || Calendar?.HolidayOn(date) is not null)
        {
            return false;
        }

        var time = TimeOnly.FromDateTime(local);
        var today = WindowsDay(date);
        var yesterday = WindowsDay(date.AddDays(-1));
        foreach (var window in Windows)
        {
            if ((window.Day == today && window.ContainsOnItsDay(time))
                || (window.Day == yesterday && window.ContainsOnNextDay(time)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Every instant at which the schedule can go from closed to open: a window starts, a day begins (a blackout
    /// ends, an overnight window continues), or the zone's offset changes (clocks jump into a window).
    /// </summary>
    private IEnumerable<DateTimeOffset> OpeningCandidates(TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset horizon)
    {
        var firstDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime);
        for (var day = 0; day <= SearchHorizon.Days + 1; day++)
        {
            var date = firstDate.AddDays(day);
            foreach (var instant in InstantsAt(zone, date.ToDateTime(TimeOnly.MinValue)))
            {
                yield return instant;
            }

            var windowsDay = WindowsDay(date);
            foreach (var window in Windows)
            {
                if (window.Day != windowsDay)
                {
                    continue;
                }

                foreach (var instant in InstantsAt(zone, date.ToDateTime(window.Start)))
                {
                    yield return instant;
                }
            }
        }

        foreach (var transition in OffsetTransitions(zone, from, horizon))
        {
            yield return transition;
        }
    }

    /// <summary>The instants that read as <paramref name="local"/> in <paramref name="zone"/>: none in a gap, two in a repeated hour.</summary>
    private static IEnumerable<DateTimeOffset> InstantsAt(TimeZoneInfo zone, DateTime local)
    {
        if (zone.IsInvalidTime(local))
        {
            return [];
        }

        if (zone.IsAmbiguousTime(local))
        {
            return zone.GetAmbiguousTimeOffsets(local).Select(offset => new DateTimeOffset(local, offset));
        }

        return [new DateTimeOffset(local, zone.GetUtcOffset(local))];
    }

    /// <summary>The first instant of each new UTC offset between <paramref name="from"/> and <paramref name="until"/>.</summary>
    private static IEnumerable<DateTimeOffset> OffsetTransitions(TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset until)
    {
        for (var stepStart = from; stepStart < until; stepStart += TransitionScanStep)
        {
            var stepEnd = stepStart + TransitionScanStep;
            var before = zone.GetUtcOffset(stepStart);
            if (zone.GetUtcOffset(stepEnd) == before)
            {
                continue;
            }

            // Bisect to the tick: the offset is `before` at lo and different at hi.
            long lo = stepStart.UtcTicks, hi = stepEnd.UtcTicks;
            while (hi - lo > 1)
            {
                var mid = lo + ((hi - lo) / 2);
                if (zone.GetUtcOffset(new DateTimeOffset(mid, TimeSpan.Zero)) == before)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }

            yield return new DateTimeOffset(hi, TimeSpan.Zero);
        }
    }

    /// <summary>The weekday whose windows apply on <paramref name="date"/>: its own, or on a make-up working day the chosen one.</summary>
    private DayOfWeek WindowsDay(DateOnly date) =>
        MakeUpWorkdayWindows is { } day && Calendar?.IsMakeUpWorkday(date) == true ? day : date.DayOfWeek;

    private DateOnly LocalDate(DateTimeOffset instant, string? contactTimeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, ZoneFor(contactTimeZone)).DateTime);

    private TimeZoneInfo ZoneFor(string? contactTimeZone)
    {
        if (TimeZones.TryFind(contactTimeZone, out var contactZone))
        {
            return contactZone;
        }

        return TimeZones.TryFind(TimeZoneId, out var zone)
            ? zone
            : throw new InvalidOperationException(
                $"The calling schedule's time zone '{TimeZoneId}' is unknown; validate schedules before using them.");
    }

    private static CallingSchedule Every(string timeZoneId, TimeOnly start, TimeOnly end) =>
        new(timeZoneId, Enum.GetValues<DayOfWeek>()
            .OrderBy(day => day == DayOfWeek.Sunday) // Monday first, as people read a week
            .Select(day => new CallingWindow(day, start, end))
            .ToArray());
}
