using System.Text.Json.Nodes;
using AutoDialer.Core.Campaigns.Holidays;

namespace AutoDialer.Core.Tests.Campaigns.Holidays;

/// <summary>The loader's checks over the shipped file (the one the product reads) and over files broken one fact at a time.</summary>
public class HolidayCalendarFileTests
{
    private static readonly string ShippedText = File.ReadAllText(ShippedPath());

    [Fact]
    public void The_shipped_china_calendar_reads_and_holds_the_notices_of_2024_to_2026()
    {
        var cn = HolidayCalendars.Shipped.Find("cn");

        Assert.NotNull(cn);
        Assert.Equal(new DateOnly(2024, 1, 1), cn.CoveredFrom);
        Assert.Equal(new DateOnly(2026, 12, 31), cn.CoveredUntil);
        Assert.Equal([2027], cn.PendingYears);
        Assert.Equal(20, cn.Holidays.Count);
        Assert.Equal(19, cn.MakeUpWorkdays.Count);
        // Every day off the notices set: 2024 7 breaks of 28 days in all, 2025 6 of 28, 2026 7 of 33.
        var daysOff = Days(new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31)).Count(d => cn.HolidayOn(d) is not null);
        Assert.Equal(28 + 28 + 33, daysOff);
        Assert.Equal("春节", cn.HolidayOn(new DateOnly(2026, 2, 23))?.NameZh);
        Assert.Null(cn.HolidayOn(new DateOnly(2024, 2, 9)));           // 除夕 2024 was a working day
        Assert.Equal("国庆节、中秋节", cn.HolidayOn(new DateOnly(2025, 10, 8))?.NameZh);
        Assert.True(cn.IsMakeUpWorkday(new DateOnly(2026, 2, 14)));
        Assert.False(cn.IsMakeUpWorkday(new DateOnly(2026, 2, 21)));   // a Saturday inside 春节: a day off, not a make-up day
        Assert.Null(cn.HolidayOn(new DateOnly(2027, 1, 1)));           // no data for 2027: nothing invented
    }

    [Fact]
    public void The_shipped_file_is_the_one_in_the_repository()
    {
        // The embedded resource is the file a person edits: read it straight from disk and compare what both say.
        var fromDisk = HolidayCalendarFile.Read(ShippedText, "cn.json");
        var shipped = HolidayCalendars.Shipped.Find("cn")!;

        Assert.Equal(fromDisk.Holidays, shipped.Holidays);
        Assert.Equal(fromDisk.MakeUpWorkdays, shipped.MakeUpWorkdays);
    }

    public static TheoryData<string, Action<JsonNode>, string> Breakages() => new()
    {
        { "a day count that is not the range's length", f => f["years"]!["2026"]!["holidays"]![1]!["days"] = 8,
            "春节 runs 2026-02-15 to 2026-02-23, 9 days, not 8" },
        { "a make-up working day on a weekday", f => f["years"]!["2026"]!["make_up_workdays"]![0]!["date"] = "2026-01-05",
            "make-up working day 2026-01-05 is a Monday" },
        { "a make-up working day inside a range", f => f["years"]!["2026"]!["make_up_workdays"]![1]!["date"] = "2026-02-21",
            "make-up working day 2026-02-21 falls inside a holiday" },
        { "a make-up working day for a holiday its notice does not have", f => f["years"]!["2026"]!["make_up_workdays"]![0]!["for"] = "圣诞节",
            "is for '圣诞节', which is no holiday of the 2026 notice" },
        { "a date that two notices make a day off", f => { f["years"]!["2025"]!["holidays"]![0]!["from"] = "2024-10-07"; f["years"]!["2025"]!["holidays"]![0]!["to"] = "2024-10-07"; },
            "2024-10-07 is already a day off of years.2024: 国庆节" },
        { "a day off outside the coverage", f => { f["years"]!["2024"]!["holidays"]![0]!["from"] = "2023-12-31"; f["years"]!["2024"]!["holidays"]![0]!["days"] = 2; },
            "lies outside the coverage" },
        { "coverage of a year without its notice", f => f["coverage"]!["to"] = "2027-12-31",
            "coverage includes 2027, but years has no notice for 2027" },
        { "another schema", f => f["schema"] = "autodialer.holiday-calendar/2", "this version reads 'autodialer.holiday-calendar/1'" },
        { "a misspelt member", f => f["years"]!["2024"]!["make_up_workday"] = new JsonArray(), "not a calendar file" },
        { "a range running backwards", f => f["years"]!["2024"]!["holidays"]![2]!["to"] = "2024-04-01", "backwards" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void A_file_whose_facts_do_not_hold_is_refused_naming_the_problem(string because, Action<JsonNode> breakage, string problem)
    {
        var file = JsonNode.Parse(ShippedText)!;
        breakage(file);

        var e = Assert.Throws<HolidayCalendarException>(() => HolidayCalendarFile.Read(file.ToJsonString(), "broken.json"));

        Assert.True(e.Message.Contains(problem, StringComparison.Ordinal), $"{because}: {e.Message}");
        Assert.Contains("broken.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_set_by_two_notices_is_refused()
    {
        var file = JsonNode.Parse(ShippedText)!;
        file["years"]!["2025"]!["make_up_workdays"]!.AsArray().Add(new JsonObject { ["date"] = "2024-02-04", ["for"] = "春节" });

        var e = Assert.Throws<HolidayCalendarException>(() => HolidayCalendarFile.Read(file.ToJsonString(), "twice.json"));

        Assert.Contains("make-up working day 2024-02-04 is given twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_file_replaces_the_shipped_calendar_of_its_id()
    {
        var file = JsonNode.Parse(ShippedText)!;
        file["coverage"]!["to"] = "2027-12-31";
        file["pending"] = new JsonArray();
        file["years"]!["2027"] = JsonNode.Parse("""
            { "holidays": [ { "name_zh": "元旦", "name_en": "New Year's Day", "from": "2027-01-01", "to": "2027-01-03", "days": 3 } ] }
            """);

        var calendars = HolidayCalendars.Shipped.With(HolidayCalendarFile.Read(file.ToJsonString(), "newer.json"));

        Assert.Equal(new DateOnly(2027, 12, 31), calendars.Find("CN")!.CoveredUntil);
        Assert.Equal("元旦", calendars.Find("cn")!.HolidayOn(new DateOnly(2027, 1, 2))?.NameZh);
        Assert.Single(calendars.All);
        Assert.Equal(new DateOnly(2026, 12, 31), HolidayCalendars.Shipped.Find("cn")!.CoveredUntil);
    }

    [Theory]
    [InlineData("2026-11-30", CalendarCoverage.Covered)]
    [InlineData("2026-12-01", CalendarCoverage.EndsSoon)]   // 30 days before the last covered date
    [InlineData("2026-12-31", CalendarCoverage.EndsSoon)]
    [InlineData("2027-01-01", CalendarCoverage.Ended)]
    internal void Coverage_warns_thirty_days_before_the_data_ends(string today, CalendarCoverage expected)
    {
        Assert.Equal(expected, HolidayCalendars.Shipped.Find("cn")!.CoverageOn(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return d;
    }

    private static string ShippedPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AutoDialer.sln")))
                return Path.Combine(directory.FullName, "src", "AutoDialer.Core", "Campaigns", "Holidays", "cn.json");
        }

        throw new InvalidOperationException("the repository root (AutoDialer.sln) is not above " + AppContext.BaseDirectory);
    }
}
