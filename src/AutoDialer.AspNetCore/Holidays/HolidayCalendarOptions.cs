using System.ComponentModel.DataAnnotations;
using AutoDialer.Core.Campaigns.Holidays;

namespace AutoDialer.AspNetCore.Holidays;

/// <summary>
/// Newer holiday calendar files than those shipped (<c>AutoDialer:HolidayCalendars</c>): <c>Files:cn</c> = the path of a
/// file that replaces the shipped <c>cn</c> calendar, so a new year's notice (or an amendment) is taken without a release.
/// Read and checked when the host starts: a file that cannot be read or whose facts do not hold stops the start, naming
/// the setting and every problem. Default: none, the shipped calendars.
/// </summary>
internal sealed class HolidayCalendarOptions : IValidatableObject
{
    public const string Section = "AutoDialer:HolidayCalendars";

    /// <summary>Calendar id → path of its file (schema <see cref="HolidayCalendarFile.Schema"/>; docs/holiday-calendars.md).</summary>
    public Dictionary<string, string> Files { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The shipped calendars with each configured file in place of the calendar of its id.</summary>
    /// <exception cref="HolidayCalendarException">A file cannot be used (the start's validation says so first).</exception>
    public HolidayCalendars Load()
    {
        var calendars = HolidayCalendars.Shipped;
        foreach (var (id, path) in Files)
            calendars = calendars.With(Read(id, path));
        return calendars;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        foreach (var (id, path) in Files)
        {
            try
            {
                Read(id, path);
            }
            catch (HolidayCalendarException e)
            {
                results.Add(new ValidationResult($"{Section}:Files:{id}: {e.Message}"));
            }
        }

        return results;
    }

    private static HolidayCalendar Read(string id, string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new HolidayCalendarException(path, [$"it cannot be read: {e.Message}"]);
        }

        var calendar = HolidayCalendarFile.Read(text, path);
        return string.Equals(calendar.Id, id, StringComparison.OrdinalIgnoreCase)
            ? calendar
            : throw new HolidayCalendarException(path, [$"it is the calendar '{calendar.Id}', configured as '{id}'"]);
    }
}
