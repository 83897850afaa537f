using System.Globalization;
using AutoDialer.Core.Campaigns;

namespace AutoDialer.Core.Tests.Campaigns;

public class CallingScheduleTests
{
    private const string Shanghai = "Asia/Shanghai";
    private const string NewYork = "America/New_York";

    private static readonly CallingSchedule ShanghaiWeekdays = Schedule(Shanghai,
        "Mon 09:00-18:00", "Tue 09:00-18:00", "Wed 09:00-18:00", "Thu 09:00-18:00", "Fri 09:00-18:00");

    private static readonly CallingSchedule NewYorkWeekdays = Schedule(NewYork,
        "Mon 09:00-17:00", "Tue 09:00-17:00", "Wed 09:00-17:00", "Thu 09:00-17:00", "Fri 09:00-17:00");

    [Theory]
    // Tuesday 10:00 in Shanghai is Monday 22:00 in New York.
    [InlineData("2025-06-10T10:00:00+08:00", null, true)]
    [InlineData("2025-06-10T10:00:00+08:00", NewYork, false)]
    // Tuesday 22:00 in Shanghai is Tuesday 10:00 in New York.
    [InlineData("2025-06-10T22:00:00+08:00", null, false)]
    [InlineData("2025-06-10T22:00:00+08:00", NewYork, true)]
    // Friday 10:00 in New York is Friday 22:00 in Shanghai; Saturday 10:00 in Shanghai is Friday 22:00 in New York.
    [InlineData("2025-06-13T10:00:00-04:00", NewYork, true)]
    [InlineData("2025-06-13T10:00:00-04:00", null, false)]
    [InlineData("2025-06-14T10:00:00+08:00", null, false)]
    [InlineData("2025-06-14T10:00:00+08:00", NewYork, false)]
    // A contact zone that is empty or unknown falls back to the campaign's.
    [InlineData("2025-06-10T10:00:00+08:00", "", true)]
    [InlineData("2025-06-10T10:00:00+08:00", "Mars/Olympus_Mons", true)]
    [InlineData("2025-06-10T22:00:00+08:00", "Mars/Olympus_Mons", false)]
    // Start is inside the window, end is not.
    [InlineData("2025-06-10T09:00:00+08:00", null, true)]
    [InlineData("2025-06-10T08:59:59+08:00", null, false)]
    [InlineData("2025-06-10T17:59:59+08:00", null, true)]
    [InlineData("2025-06-10T18:00:00+08:00", null, false)]
    public void IsOpen_evaluates_windows_in_the_contacts_zone_else_the_campaigns(string instant, string? contactZone, bool open)
    {
        Assert.Equal(open, ShanghaiWeekdays.IsOpen(At(instant), contactZone));
    }

    [Theory]
    [InlineData("Fri 20:00-02:00", "2025-06-13T19:59:59+08:00", false)]
    [InlineData("Fri 20:00-02:00", "2025-06-13T20:00:00+08:00", true)]
    [InlineData("Fri 20:00-02:00", "2025-06-13T23:59:59+08:00", true)]
    [InlineData("Fri 20:00-02:00", "2025-06-14T00:00:00+08:00", true)]
    [InlineData("Fri 20:00-02:00", "2025-06-14T01:59:59+08:00", true)]
    [InlineData("Fri 20:00-02:00", "2025-06-14T02:00:00+08:00", false)]
    [InlineData("Fri 20:00-02:00", "2025-06-14T21:00:00+08:00", false)]
    [InlineData("Fri 20:00-02:00", "2025-06-13T01:00:00+08:00", false)] // Thursday night is not Friday night.
    // The week wraps: Sunday night runs into Monday, Saturday night into Sunday.
    [InlineData("Sun 22:00-01:00", "2025-06-15T23:00:00+08:00", true)]
    [InlineData("Sun 22:00-01:00", "2025-06-16T00:30:00+08:00", true)]
    [InlineData("Sun 22:00-01:00", "2025-06-16T01:00:00+08:00", false)]
    [InlineData("Sun 22:00-01:00", "2025-06-15T00:30:00+08:00", false)]
    [InlineData("Sat 22:00-01:00", "2025-06-15T00:30:00+08:00", true)]
    // Ending at midnight means until the end of the day.
    [InlineData("Fri 20:00-00:00", "2025-06-13T23:59:59.9999999+08:00", true)]
    [InlineData("Fri 20:00-00:00", "2025-06-14T00:00:00+08:00", false)]
    public void Windows_ending_before_they_start_run_past_midnight(string window, string instant, bool open)
    {
        Assert.Equal(open, Schedule(Shanghai, window).IsOpen(At(instant)));
    }

    [Theory]
    [InlineData("2025-09-30T12:00:00+08:00", true)]
    [InlineData("2025-10-01T09:00:00+08:00", false)]
    [InlineData("2025-10-01T12:00:00+08:00", false)]
    [InlineData("2025-10-01T20:59:00+08:00", false)]
    [InlineData("2025-10-02T12:00:00+08:00", true)]
    public void A_blackout_date_closes_the_whole_day(string instant, bool open)
    {
        var schedule = CallingSchedule.Default(Shanghai) with { BlackoutDates = [new DateOnly(2025, 10, 1)] };

        Assert.Equal(open, schedule.IsOpen(At(instant)));
    }

    [Theory]
    // Friday 23:00 belongs to Friday, Saturday 01:00 to Saturday, even though both are the same Friday-night window.
    [InlineData("2025-06-14", "2025-06-13T23:00:00+08:00", true)]
    [InlineData("2025-06-14", "2025-06-14T01:00:00+08:00", false)]
    [InlineData("2025-06-13", "2025-06-13T23:00:00+08:00", false)]
    [InlineData("2025-06-13", "2025-06-14T01:00:00+08:00", true)]
    public void A_blackout_applies_to_the_local_date_at_the_instant_within_an_overnight_window(
        string blackout, string instant, bool open)
    {
        var schedule = Schedule(Shanghai, "Fri 20:00-02:00") with { BlackoutDates = [DateOnly.Parse(blackout, CultureInfo.InvariantCulture)] };

        Assert.Equal(open, schedule.IsOpen(At(instant)));
    }

    [Theory]
    // 22:00 on 1 October in New York is 10:00 on 2 October in Shanghai: the blackout is the contact's date.
    [InlineData("2025-10-01T22:00:00-04:00", null, true)]
    [InlineData("2025-10-01T22:00:00-04:00", NewYork, false)]
    [InlineData("2025-10-01T10:00:00+08:00", null, false)]
    [InlineData("2025-10-01T10:00:00+08:00", NewYork, true)]
    public void Blackout_dates_are_read_in_the_zone_the_schedule_is_evaluated_in(string instant, string? contactZone, bool open)
    {
        var schedule = CallingSchedule.Always(Shanghai) with { BlackoutDates = [new DateOnly(2025, 10, 1)] };

        Assert.Equal(open, schedule.IsOpen(At(instant), contactZone));
    }

    [Theory]
    [InlineData("2025-06-10T00:00:00+08:00")]
    [InlineData("2025-06-10T23:59:59.9999999+08:00")]
    [InlineData("2025-06-15T12:34:56+08:00")]
    public void Always_is_open_at_every_instant_of_every_day(string instant)
    {
        Assert.True(CallingSchedule.Always(Shanghai).IsOpen(At(instant)));
    }

    [Theory]
    // Friday after hours, Saturday, Monday before hours: all wait for Monday 09:00.
    [InlineData("2025-06-13T19:00:00+08:00", "2025-06-16T09:00:00+08:00")]
    [InlineData("2025-06-14T12:00:00+08:00", "2025-06-16T09:00:00+08:00")]
    [InlineData("2025-06-16T08:00:00+08:00", "2025-06-16T09:00:00+08:00")]
    // Already open: the instant itself, to the tick.
    [InlineData("2025-06-10T10:00:30.1234567+08:00", "2025-06-10T10:00:30.1234567+08:00")]
    [InlineData("2025-06-10T17:59:59+08:00", "2025-06-10T17:59:59+08:00")]
    [InlineData("2025-06-10T18:00:00+08:00", "2025-06-11T09:00:00+08:00")]
    public void NextOpening_waits_across_the_weekend(string from, string expected)
    {
        Assert.Equal(At(expected), ShanghaiWeekdays.NextOpening(At(from)));
    }

    [Fact]
    public void NextOpening_skips_a_blacked_out_day()
    {
        var schedule = ShanghaiWeekdays with { BlackoutDates = [new DateOnly(2025, 6, 16)] };

        Assert.Equal(At("2025-06-17T09:00:00+08:00"), schedule.NextOpening(At("2025-06-13T19:00:00+08:00")));
    }

    [Fact]
    public void NextOpening_uses_the_contacts_zone()
    {
        // Friday 19:00 in Shanghai is Friday 07:00 in New York: that contact opens two hours later, the same day.
        Assert.Equal(At("2025-06-13T09:00:00-04:00"), ShanghaiWeekdays.NextOpening(At("2025-06-13T19:00:00+08:00"), NewYork));
    }

    [Theory]
    // Spring forward on Sunday 9 March 2025: Monday 09:00 is 13:00 UTC, not 14:00 UTC as it was the Friday before.
    [InlineData("2025-03-07T17:30:00-05:00", "2025-03-10T13:00:00Z")]
    // Fall back on Sunday 2 November 2025: Monday 09:00 is 14:00 UTC, not 13:00 UTC.
    [InlineData("2025-10-31T18:00:00-04:00", "2025-11-03T14:00:00Z")]
    public void NextOpening_keeps_local_opening_hours_across_a_daylight_saving_change(string from, string expected)
    {
        Assert.Equal(At(expected), NewYorkWeekdays.NextOpening(At(from)));
    }

    [Fact]
    public void NextOpening_keeps_local_hours_across_daylight_saving_for_a_contact_of_a_campaign_without_it()
    {
        // The campaign is in Shanghai (no DST); the contact in New York.
        Assert.Equal(At("2025-03-10T13:00:00Z"), ShanghaiWeekdays.NextOpening(At("2025-03-08T00:00:00Z"), NewYork));
    }

    [Fact]
    public void A_window_starting_in_the_spring_gap_opens_when_the_clocks_land_after_it()
    {
        // 02:30 does not exist on 9 March 2025 in New York (02:00 EST → 03:00 EDT).
        var schedule = Schedule(NewYork, "Sun 02:30-05:00");

        var opening = schedule.NextOpening(At("2025-03-08T12:00:00-05:00"));

        Assert.Equal(At("2025-03-09T03:00:00-04:00"), opening);
        Assert.False(schedule.IsOpen(opening!.Value.AddTicks(-1)));
    }

    [Theory]
    // 01:00–02:00 happens twice on 2 November 2025 in New York: first in EDT (-04:00), then in EST (-05:00).
    [InlineData("2025-11-01T12:00:00-04:00", "2025-11-02T01:00:00-04:00")]
    [InlineData("2025-11-02T01:45:00-04:00", "2025-11-02T01:00:00-05:00")]
    public void A_window_in_the_repeated_autumn_hour_opens_at_each_occurrence(string from, string expected)
    {
        Assert.Equal(At(expected), Schedule(NewYork, "Sun 01:00-01:30").NextOpening(At(from)));
    }

    [Fact]
    public void An_overnight_window_whose_first_day_is_blacked_out_opens_at_midnight()
    {
        var schedule = Schedule(Shanghai, "Fri 20:00-02:00") with { BlackoutDates = [new DateOnly(2025, 6, 13)] };

        Assert.Equal(At("2025-06-14T00:00:00+08:00"), schedule.NextOpening(At("2025-06-13T21:00:00+08:00")));
    }

    [Fact]
    public void NextOpening_is_null_when_nothing_opens_within_fourteen_days()
    {
        var mondays = Schedule(Shanghai, "Mon 09:00-18:00");
        var from = At("2025-06-10T12:00:00+08:00");

        Assert.Equal(At("2025-06-16T09:00:00+08:00"), mondays.NextOpening(from));
        Assert.Null((mondays with { BlackoutDates = [new DateOnly(2025, 6, 16), new DateOnly(2025, 6, 23)] }).NextOpening(from));
        Assert.Null((mondays with { Windows = [] }).NextOpening(from));
    }

    [Fact]
    public void NextOpening_agrees_with_a_minute_by_minute_scan()
    {
        // Overlapping, overnight, DST-straddling windows and blackouts: the scan is the slow, obvious definition.
        var schedule = Schedule(NewYork, "Sun 01:00-01:30", "Sun 02:30-04:00", "Mon 09:00-12:00", "Mon 11:00-13:00",
            "Wed 22:00-03:00", "Fri 20:00-00:00", "Sat 23:30-00:30") with
        {
            BlackoutDates = [new DateOnly(2025, 3, 13), new DateOnly(2025, 11, 6)],
        };
        var random = new Random(20250309);
        var starts = new[] { At("2025-03-05T00:00:00Z"), At("2025-10-29T00:00:00Z") };

        for (var i = 0; i < 120; i++)
        {
            var from = starts[i % 2].AddMinutes(random.Next(0, 60 * 24 * 10));

            var expected = default(DateTimeOffset?);
            for (var minute = from; minute <= from + CallingSchedule.SearchHorizon; minute = minute.AddMinutes(1))
            {
                if (schedule.IsOpen(minute))
                {
                    expected = minute;
                    break;
                }
            }

            Assert.Equal(expected, schedule.NextOpening(from));
        }
    }

    [Fact]
    public void Validate_accepts_a_good_schedule_with_duplicate_windows()
    {
        var schedule = Schedule(NewYork, "Mon 09:00-17:00", "Mon 09:00-17:00", "Tue 20:00-02:00");

        Assert.Empty(schedule.Validate());
        Assert.Same(schedule.Windows, CallingSchedule.Create(schedule.TimeZoneId, schedule.Windows).Windows);
    }

    [Fact]
    public void Validate_reports_each_problem_with_its_field()
    {
        var schedule = new CallingSchedule("Mars/Olympus_Mons",
        [
            new CallingWindow(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0)),
            new CallingWindow(DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(9, 0)),
            new CallingWindow((DayOfWeek)9, new TimeOnly(9, 0), new TimeOnly(10, 0)),
        ]);

        var errors = schedule.Validate();

        Assert.Equal(["time_zone_id", "windows[1]", "windows[2]"], errors.Select(e => e.Field));
        Assert.Contains("Mars/Olympus_Mons", errors[0].Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../etc/passwd")]
    public void An_unknown_campaign_zone_is_a_validation_error_and_unusable(string zone)
    {
        var schedule = CallingSchedule.Default(zone);

        Assert.Equal("time_zone_id", Assert.Single(schedule.Validate()).Field);
        var thrown = Assert.Throws<SettingsValidationException>(() => CallingSchedule.Create(zone, schedule.Windows));
        Assert.Equal("time_zone_id", Assert.Single(thrown.Errors).Field);
        Assert.Throws<InvalidOperationException>(() => schedule.IsOpen(At("2025-06-10T10:00:00Z")));
        Assert.Throws<InvalidOperationException>(() => schedule.NextOpening(At("2025-06-10T10:00:00Z")));
        // A contact with a good zone does not need the campaign's.
        Assert.True(schedule.IsOpen(At("2025-06-10T10:00:00+08:00"), Shanghai));
    }

    [Fact]
    public void A_schedule_without_windows_is_invalid()
    {
        Assert.Equal("windows", Assert.Single(new CallingSchedule(Shanghai, []).Validate()).Field);
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>Windows written like "Fri 20:00-02:00".</summary>
    private static CallingSchedule Schedule(string zone, params string[] windows) =>
        new(zone, windows.Select(Window).ToArray());

    private static CallingWindow Window(string text)
    {
        var day = Enum.GetValues<DayOfWeek>().Single(d => d.ToString().StartsWith(text[..3], StringComparison.Ordinal));
        var times = text[4..].Split('-');
        return new CallingWindow(day, TimeOnly.Parse(times[0], CultureInfo.InvariantCulture), TimeOnly.Parse(times[1], CultureInfo.InvariantCulture));
    }
}
