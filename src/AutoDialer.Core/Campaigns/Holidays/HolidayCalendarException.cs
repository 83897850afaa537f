namespace AutoDialer.Core.Campaigns.Holidays;

/// <summary>A holiday calendar file that cannot be used, with every problem found in it.</summary>
internal sealed class HolidayCalendarException : Exception
{
    /// <param name="file">Where the calendar came from: a path, or the shipped resource's name.</param>
    /// <param name="problems">Each problem in a sentence, e.g. "years.2026: 春节 runs 2026-02-15 to 2026-02-23, 9 days, not 8".</param>
    public HolidayCalendarException(string file, IReadOnlyList<string> problems)
        : base($"The holiday calendar {file} cannot be used: {string.Join("; ", problems)}")
    {
        Problems = problems;
    }

    public HolidayCalendarException()
    {
    }

    public HolidayCalendarException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public HolidayCalendarException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; } = [];
}
