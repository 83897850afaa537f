namespace AutoDialer.Core.Campaigns.Holidays;

// The file's shape, schema "autodialer.holiday-calendar/1" (docs/holiday-calendars.md): read strictly, so a misspelt
// member ("make_up_workday") is an error rather than a year without make-up days. HolidayCalendarFile checks the facts.

internal sealed record HolidayCalendarDocument
{
    public required string Schema { get; init; }
    public required string Calendar { get; init; }
    public required string NameZh { get; init; }
    public required string NameEn { get; init; }
    public string? Source { get; init; }
    public string? DatesAre { get; init; }
    public required DateOnly Updated { get; init; }
    public required CoverageDocument Coverage { get; init; }
    public IReadOnlyList<PendingYearDocument> Pending { get; init; } = [];
    public required IReadOnlyDictionary<string, NoticeDocument> Years { get; init; }
}

internal sealed record CoverageDocument
{
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
}

internal sealed record PendingYearDocument
{
    public required int Year { get; init; }
    public DateOnly? Checked { get; init; }
    public string? Status { get; init; }
    public string? Note { get; init; }
}

/// <summary>One year's notice (国务院办公厅关于…年部分节假日安排的通知), keyed in the file by the year it is for.</summary>
internal sealed record NoticeDocument
{
    public DateOnly? Announced { get; init; }
    public DateOnly? Amended { get; init; }
    public string? Document { get; init; }
    public string? Title { get; init; }
    public IReadOnlyList<string> Urls { get; init; } = [];
    public string? Note { get; init; }
    public required IReadOnlyList<HolidayDocument> Holidays { get; init; }
    public IReadOnlyList<MakeUpWorkdayDocument> MakeUpWorkdays { get; init; } = [];
}

internal sealed record HolidayDocument
{
    public required string NameZh { get; init; }
    public required string NameEn { get; init; }
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }

    /// <summary>The notice's "共N天", kept as a checksum of the range.</summary>
    public required int Days { get; init; }

    /// <summary>Weekend dates a notice says the holiday "与周末连休" with: ordinary weekend days, not days off by the notice.</summary>
    public IReadOnlyList<DateOnly> JoinsWeekend { get; init; } = [];
    public string? Note { get; init; }
}

internal sealed record MakeUpWorkdayDocument
{
    public required DateOnly Date { get; init; }
    public required string For { get; init; }
    public string? Note { get; init; }
}
