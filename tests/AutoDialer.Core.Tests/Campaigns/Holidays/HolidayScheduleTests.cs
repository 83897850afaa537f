using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Campaigns.Holidays;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.Campaigns.Holidays;

/// <summary>The dial gate and the schedule with the China holiday calendar: days off refused as <c>holiday</c>, make-up
/// working days dialled with a weekday's windows when the campaign chooses so, and the precedence of the note.</summary>
public class HolidayScheduleTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private static readonly RetryPolicy Retry = new();
    private static readonly DialCandidate Fresh = new(true, false, 0, 0, null, []);

    // Monday to Friday 09:00–18:00 only: a make-up Saturday is closed unless the calendar's make-up days are followed.
    private static readonly CallingSchedule Weekdays = new("Asia/Shanghai",
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new CallingWindow(d, new TimeOnly(9, 0), new TimeOnly(18, 0)))]);

    private static CallingSchedule WithCn(CallingSchedule schedule, DayOfWeek? makeUpDays = null) =>
        (schedule with { HolidayCalendarId = "cn", MakeUpWorkdayWindows = makeUpDays }).WithCalendarFrom(HolidayCalendars.Shipped);

    private static DialVerdict Gate(CallingSchedule schedule, DateTimeOffset now) => DialGate.Check(Fresh, Retry, schedule, FrequencyCaps.Off, now);

    [Fact]
    public void A_day_off_is_refused_as_holiday_until_the_first_window_after_the_break()
    {
        // Thursday 2026-10-01 10:00, National Day (10-01 to 10-07); the next working window is Thursday 10-08 09:00.
        var verdict = Gate(WithCn(Weekdays), new DateTimeOffset(2026, 10, 1, 10, 0, 0, Shanghai));

        Assert.Equal(new DialVerdict.Refused(DialRefusal.Holiday, new DateTimeOffset(2026, 10, 8, 9, 0, 0, Shanghai)), verdict);
    }

    [Fact]
    public void Without_the_calendar_the_same_day_is_dialled()
    {
        Assert.Equal(DialVerdict.Allow, Gate(Weekdays, new DateTimeOffset(2026, 10, 1, 10, 0, 0, Shanghai)));
    }

    [Fact]
    public void A_calendar_named_but_not_attached_applies_no_holidays()
    {
        // Stored settings name the calendar; the data is attached where they are read for dialling.
        var named = Weekdays with { HolidayCalendarId = "cn" };

        Assert.Equal(DialVerdict.Allow, Gate(named, new DateTimeOffset(2026, 10, 1, 10, 0, 0, Shanghai)));
    }

    [Fact]
    public void A_make_up_working_day_is_dialled_with_the_chosen_weekday_s_windows()
    {
        // Saturday 2026-02-14 is worked for 春节 (the break runs 02-15 to 02-23).
        var saturday = new DateTimeOffset(2026, 2, 14, 10, 0, 0, Shanghai);

        Assert.Equal(DialVerdict.Allow, Gate(WithCn(Weekdays, DayOfWeek.Monday), saturday));
        Assert.Equal(new DialVerdict.Refused(DialRefusal.OutsideWindow, new DateTimeOffset(2026, 2, 14, 9, 0, 0, Shanghai).AddDays(10)),
            Gate(WithCn(Weekdays, DayOfWeek.Monday), saturday.AddHours(9)));  // 19:00: Monday's windows end at 18:00; next 02-24 09:00
    }

    [Fact]
    public void A_make_up_working_day_is_an_ordinary_weekend_day_unless_chosen()
    {
        var saturday = new DateTimeOffset(2026, 2, 14, 10, 0, 0, Shanghai);

        var verdict = Gate(WithCn(Weekdays), saturday);

        // Closed (a weekend day), and the next opening skips the whole 春节 break: Tuesday 02-24.
        Assert.Equal(new DialVerdict.Refused(DialRefusal.OutsideWindow, new DateTimeOffset(2026, 2, 24, 9, 0, 0, Shanghai)), verdict);
    }

    [Fact]
    public void The_campaign_s_blackout_wins_over_a_make_up_working_day()
    {
        var schedule = WithCn(Weekdays, DayOfWeek.Monday) with { BlackoutDates = [new DateOnly(2026, 2, 14)] };

        var verdict = Gate(schedule, new DateTimeOffset(2026, 2, 14, 10, 0, 0, Shanghai));

        Assert.Equal(DialRefusal.Blackout, Assert.IsType<DialVerdict.Refused>(verdict).Reason);
    }

    [Fact]
    public void The_campaign_s_blackout_is_named_before_a_holiday_on_the_same_date()
    {
        var schedule = WithCn(Weekdays) with { BlackoutDates = [new DateOnly(2026, 10, 1)] };

        Assert.Equal(DialRefusal.Blackout, Assert.IsType<DialVerdict.Refused>(Gate(schedule, new DateTimeOffset(2026, 10, 1, 10, 0, 0, Shanghai))).Reason);
    }

    [Fact]
    public void A_day_off_on_a_weekend_is_closed_for_a_campaign_that_calls_on_weekends()
    {
        // 清明 2026 runs Saturday 04-04 to Monday 04-06.
        var everyDay = WithCn(CallingSchedule.Default("Asia/Shanghai"));

        Assert.False(everyDay.IsOpen(new DateTimeOffset(2026, 4, 4, 10, 0, 0, Shanghai)));
        Assert.Equal("清明节", everyDay.HolidayOn(new DateTimeOffset(2026, 4, 4, 10, 0, 0, Shanghai))?.NameZh);
        Assert.True(everyDay.IsOpen(new DateTimeOffset(2026, 4, 7, 10, 0, 0, Shanghai)));
    }

    [Fact]
    public void An_overnight_window_does_not_run_into_a_day_off()
    {
        // Wednesday 2026-09-30 20:00 – 02:00 runs into Thursday 10-01, National Day.
        var schedule = WithCn(new CallingSchedule("Asia/Shanghai", [new CallingWindow(DayOfWeek.Wednesday, new TimeOnly(20, 0), new TimeOnly(2, 0))]));

        Assert.True(schedule.IsOpen(new DateTimeOffset(2026, 9, 30, 23, 0, 0, Shanghai)));
        Assert.False(schedule.IsOpen(new DateTimeOffset(2026, 10, 1, 1, 0, 0, Shanghai)));
    }

    [Fact]
    public void Holidays_are_dates_in_the_contact_s_own_zone()
    {
        // 2026-10-01 00:30 in Shanghai is still 09-30 18:30 in Paris: a contact there is not on holiday yet.
        var everyDay = WithCn(CallingSchedule.Always("Asia/Shanghai"));
        var instant = new DateTimeOffset(2026, 10, 1, 0, 30, 0, Shanghai);

        Assert.Equal(DialRefusal.Holiday, Assert.IsType<DialVerdict.Refused>(Gate(everyDay, instant)).Reason);
        Assert.Equal(DialVerdict.Allow, DialGate.Check(Fresh with { TimeZone = "Europe/Paris" }, Retry, everyDay, FrequencyCaps.Off, instant));
    }

    [Fact]
    public void Past_the_calendar_s_coverage_the_windows_alone_decide()
    {
        // 2027-01-01 is a Friday; the file has no 2027 notice, and invents none.
        Assert.Equal(DialVerdict.Allow, Gate(WithCn(Weekdays), new DateTimeOffset(2027, 1, 1, 10, 0, 0, Shanghai)));
    }

    [Theory]
    [InlineData("cn", null, null)]
    [InlineData("CN", null, null)]
    [InlineData("xx", null, "schedule.holiday_calendar")]
    [InlineData(null, DayOfWeek.Monday, "schedule.make_up_workday_windows")]
    [InlineData("cn", (DayOfWeek)9, "schedule.make_up_workday_windows")]
    public void Settings_name_a_calendar_that_exists_and_make_up_days_only_with_one(string? calendar, DayOfWeek? makeUp, string? errorField)
    {
        var settings = CampaignSettings.Default("Asia/Shanghai") is var s
            ? s with { Schedule = s.Schedule with { HolidayCalendarId = calendar, MakeUpWorkdayWindows = makeUp } }
            : null!;

        var errors = settings.Validate();

        Assert.Equal(errorField is null ? [] : new[] { errorField }, errors.Select(e => e.Field).ToArray());
    }

    [Fact]
    public void The_calendar_and_make_up_choice_are_stored_and_the_data_is_not()
    {
        var settings = CampaignSettings.Default("Asia/Shanghai") with
        {
            Schedule = WithCn(CallingSchedule.Default("Asia/Shanghai"), DayOfWeek.Friday),
        };

        var json = settings.ToJson();
        var read = CampaignSettings.FromJson(json);

        Assert.Contains("\"holiday_calendar\":\"cn\"", json, StringComparison.Ordinal);
        Assert.Contains("\"make_up_workday_windows\":\"friday\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("calendar\":{", json, StringComparison.Ordinal);
        Assert.Equal("cn", read.Schedule.HolidayCalendarId);
        Assert.Equal(DayOfWeek.Friday, read.Schedule.MakeUpWorkdayWindows);
        Assert.Null(read.Schedule.Calendar);
    }
}
