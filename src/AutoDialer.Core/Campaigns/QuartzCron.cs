using System.Globalization;
using Cronos;

namespace AutoDialer.Core.Campaigns;

/// <summary>
/// A campaign's nightly batch cron is written in Quartz's dialect (the API's contract since the first version: seconds
/// first, one of the day fields '?', day of week 1 = Sunday) and run by Hangfire, which reads Cronos' dialect (day of
/// week 0 or 7 = Sunday, 1 = Monday, no year field). This converts one into the other and says what is wrong when it
/// cannot, so a bad cron is refused when it is saved, never found by the scheduler later.
/// </summary>
internal static class QuartzCron
{
    private const int DayOfWeek = 5;
    private const int Year = 6;

    /// <summary>The same schedule as a six-field Cronos expression (seconds first), or the reason there is none.</summary>
    public static CronConversion ToCronos(string? quartz)
    {
        if (QuartzCronShape.Problem(quartz) is { } shape)
            return new CronConversion(null, shape);

        var fields = quartz!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length > Year && fields[Year] != "*")
            return new CronConversion(null, $"A year field ('{fields[Year]}') is not supported: the nightly batch repeats every year.");

        if (DaysOfWeek(fields[DayOfWeek]) is not { } days)
            return new CronConversion(null, $"Field 6 ('{fields[DayOfWeek]}') is not a day of week Quartz can read.");

        var cronos = string.Join(' ', fields[..DayOfWeek].Append(days));
        try
        {
            CronExpression.Parse(cronos, CronFormat.IncludeSeconds);
        }
        catch (CronFormatException e)
        {
            return new CronConversion(null, $"Not a valid cron: {e.Message}");
        }
        return new CronConversion(cronos, null);
    }

    /// <summary>What is wrong with <paramref name="quartz"/>, or null when Hangfire can run it.</summary>
    public static string? Problem(string? quartz) => ToCronos(quartz).Problem;

    /// <summary>Quartz's day-of-week field with every number moved down by one (1 = Sunday becomes 0 = Sunday).</summary>
    private static string? DaysOfWeek(string field)
    {
        var parts = new List<string>();
        foreach (var part in field.Split(','))
        {
            var (range, step) = part.IndexOf('/') is var slash and >= 0 ? (part[..slash], part[slash..]) : (part, "");
            string? converted;
            if (step.Length > 0)
            {
                // Cronos' day of week runs to 7 (Sunday again): give stepped ranges Quartz's end, Saturday, explicitly.
                converted = range switch
                {
                    "*" => "0-6",
                    _ when range.Contains('-') => Range(range),
                    _ => Day(range) is { } from ? from + "-6" : null,
                };
            }
            else
            {
                converted = range switch
                {
                    "*" or "?" => range,
                    "L" => "6", // Quartz: 'L' alone is the last day of the week, Saturday
                    _ when range.EndsWith('L') => Day(range[..^1]) is { } day ? day + "L" : null,
                    _ when range.Contains('#') => Day(range[..range.IndexOf('#')]) is { } day ? day + range[range.IndexOf('#')..] : null,
                    _ when range.Contains('-') => Range(range),
                    _ => Day(range),
                };
            }
            if (converted is null) return null;
            parts.Add(converted + step);
        }
        return string.Join(',', parts);
    }

    private static string? Range(string range)
    {
        var ends = range.Split('-');
        return ends.Length == 2 && Day(ends[0]) is { } from && Day(ends[1]) is { } to ? $"{from}-{to}" : null;
    }

    /// <summary>A day name stays as it is (both read SUN…SAT); a number 1–7 becomes 0–6.</summary>
    private static string? Day(string day)
    {
        if (day.Length == 3 && day.All(char.IsAsciiLetter)) return day.ToUpperInvariant();
        return int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 7
            ? (number - 1).ToString(CultureInfo.InvariantCulture)
            : null;
    }
}

/// <summary>A Quartz cron as Cronos reads it (<see cref="Cronos"/>), or why it cannot be.</summary>
internal sealed record CronConversion(string? Cronos, string? Problem);
