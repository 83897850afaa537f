namespace AutoDialer.Core.Campaigns.Holidays;

/// <summary>How much longer a holiday calendar has data, seen from one day (<see cref="HolidayCalendar.CoverageOn"/>).</summary>
internal enum CalendarCoverage
{
    /// <summary>Data for more than <see cref="HolidayCalendar.WarningDays"/> days to come.</summary>
    Covered,

    /// <summary>The data ends within <see cref="HolidayCalendar.WarningDays"/> days: the next year's notice is due.</summary>
    EndsSoon,

    /// <summary>The data has ended: dates after it are dialled by the weekly windows alone.</summary>
    Ended,
}
