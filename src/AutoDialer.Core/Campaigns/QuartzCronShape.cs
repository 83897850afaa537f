using System.Buffers;

namespace AutoDialer.Core.Campaigns;

/// <summary>
/// Checks that a cron expression has the shape Quartz expects. Core takes no Quartz dependency, so this catches the
/// usual mistakes (a five-field Unix cron, both day fields set) and <see cref="QuartzCron"/> then converts it and checks it with Cronos.
/// </summary>
internal static class QuartzCronShape
{
    private const int DayOfMonth = 3;
    private const int DayOfWeek = 5;

    private static readonly SearchValues<char> AllowedCharacters =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz*?/,-#");

    /// <summary>What is wrong with <paramref name="expression"/>, or null when its shape is right.</summary>
    public static string? Problem(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return "A cron expression is required.";
        }

        var fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is not (6 or 7))
        {
            return $"A Quartz cron has 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), not {fields.Length}.";
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].AsSpan().ContainsAnyExcept(AllowedCharacters))
            {
                return $"Field {i + 1} ('{fields[i]}') contains characters a Quartz cron cannot have.";
            }

            if (fields[i].Contains('?') && i is not (DayOfMonth or DayOfWeek))
            {
                return $"Field {i + 1} ('{fields[i]}') cannot be '?'; only day-of-month and day-of-week can.";
            }
        }

        return (fields[DayOfMonth] == "?") == (fields[DayOfWeek] == "?")
            ? "Exactly one of day-of-month and day-of-week must be '?'."
            : null;
    }
}
