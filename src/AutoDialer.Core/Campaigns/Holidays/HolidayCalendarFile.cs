using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoDialer.Core.Campaigns.Holidays;

/// <summary>
/// Reads a holiday calendar file (schema <see cref="Schema"/>) and refuses one whose facts do not hold: every range's
/// day count is its length, every make-up working day is a Saturday or Sunday outside every range and names a holiday
/// of its own notice, no date is set twice, every date lies in the coverage, and every year of the coverage has its
/// notice. All problems are reported at once.
/// </summary>
internal static class HolidayCalendarFile
{
    public const string Schema = "autodialer.holiday-calendar/1";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The calendar in <paramref name="json"/>.</summary>
    /// <param name="file">Where it came from, for the error message.</param>
    /// <exception cref="HolidayCalendarException">The file is not a calendar, or its facts do not hold.</exception>
    public static HolidayCalendar Read(string json, string file)
    {
        HolidayCalendarDocument document;
        try
        {
            document = JsonSerializer.Deserialize<HolidayCalendarDocument>(json, Options)
                ?? throw new HolidayCalendarException(file, ["the file holds null, not a calendar"]);
        }
        catch (JsonException e)
        {
            throw new HolidayCalendarException(file, [$"not a calendar file: {e.Message}"]);
        }

        var problems = Check(document);
        if (problems.Count > 0) throw new HolidayCalendarException(file, problems);

        var holidays = new List<Holiday>();
        var makeUps = new List<MakeUpWorkday>();
        foreach (var (key, notice) in document.Years.OrderBy(y => y.Key, StringComparer.Ordinal))
        {
            var year = int.Parse(key, CultureInfo.InvariantCulture);
            holidays.AddRange(notice.Holidays.Select(h => new Holiday(h.NameZh, h.NameEn, h.From, h.To, year)));
            makeUps.AddRange(notice.MakeUpWorkdays.Select(m => new MakeUpWorkday(m.Date, m.For, year)));
        }

        return new HolidayCalendar(document.Calendar.ToLowerInvariant(), document.NameZh, document.NameEn, document.Updated,
            document.Coverage.From, document.Coverage.To, holidays, makeUps, document.Pending.Select(p => p.Year).ToList());
    }

    private static List<string> Check(HolidayCalendarDocument document)
    {
        var problems = new List<string>();
        if (document.Schema != Schema)
            problems.Add($"schema is '{document.Schema}', this version reads '{Schema}'");
        if (string.IsNullOrWhiteSpace(document.Calendar) || !document.Calendar.All(char.IsAsciiLetterOrDigit))
            problems.Add($"calendar '{document.Calendar}' is not an id of letters and digits such as CN");
        var coverage = document.Coverage;
        if (coverage.From > coverage.To)
            problems.Add($"coverage runs from {coverage.From:yyyy-MM-dd} to {coverage.To:yyyy-MM-dd}, backwards");

        var years = new Dictionary<int, NoticeDocument>();
        foreach (var (key, notice) in document.Years)
        {
            if (key.Length == 4 && int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                years[year] = notice;
            else
                problems.Add($"years.{key}: not a year");
        }

        // Claiming coverage of a year without its notice would read that year as one without holidays.
        for (var year = coverage.From.Year; year <= coverage.To.Year; year++)
        {
            if (!years.ContainsKey(year))
                problems.Add($"coverage includes {year}, but years has no notice for {year}");
        }

        foreach (var pending in document.Pending.Where(p => years.ContainsKey(p.Year) || p.Year <= coverage.To.Year))
            problems.Add($"pending: {pending.Year} is pending, but the file covers it or has its notice");

        var daysOff = new Dictionary<DateOnly, string>();
        var makeUpDays = new Dictionary<DateOnly, string>();
        foreach (var (year, notice) in years.OrderBy(y => y.Key))
        {
            var at = $"years.{year}";
            foreach (var holiday in notice.Holidays)
            {
                var name = $"{at}: {holiday.NameZh}";
                if (string.IsNullOrWhiteSpace(holiday.NameZh) || string.IsNullOrWhiteSpace(holiday.NameEn))
                    problems.Add($"{at}: a holiday without its name in Chinese and English");
                if (holiday.From > holiday.To)
                {
                    problems.Add($"{name} runs from {holiday.From:yyyy-MM-dd} to {holiday.To:yyyy-MM-dd}, backwards");
                    continue;
                }

                var length = holiday.To.DayNumber - holiday.From.DayNumber + 1;
                if (length != holiday.Days)
                    problems.Add($"{name} runs {holiday.From:yyyy-MM-dd} to {holiday.To:yyyy-MM-dd}, {length} days, not {holiday.Days}");
                if (holiday.From < coverage.From || holiday.To > coverage.To)
                    problems.Add($"{name} ({holiday.From:yyyy-MM-dd} to {holiday.To:yyyy-MM-dd}) lies outside the coverage");
                for (var date = holiday.From; date <= holiday.To; date = date.AddDays(1))
                {
                    if (!daysOff.TryAdd(date, name))
                        problems.Add($"{name}: {date:yyyy-MM-dd} is already a day off of {daysOff[date]}");
                }

                foreach (var weekend in holiday.JoinsWeekend.Where(d => !IsWeekend(d)))
                    problems.Add($"{name}: joins_weekend {weekend:yyyy-MM-dd} is a {weekend.DayOfWeek}, not a weekend day");
            }

            foreach (var makeUp in notice.MakeUpWorkdays)
            {
                var name = $"{at}: make-up working day {makeUp.Date:yyyy-MM-dd}";
                if (!IsWeekend(makeUp.Date))
                    problems.Add($"{name} is a {makeUp.Date.DayOfWeek}; a make-up working day is a Saturday or Sunday");
                if (makeUp.Date < coverage.From || makeUp.Date > coverage.To)
                    problems.Add($"{name} lies outside the coverage");
                if (!notice.Holidays.Any(h => h.NameZh == makeUp.For))
                    problems.Add($"{name} is for '{makeUp.For}', which is no holiday of the {year} notice");
                if (!makeUpDays.TryAdd(makeUp.Date, name))
                    problems.Add($"{name} is given twice");
            }
        }

        foreach (var (date, name) in makeUpDays.Where(d => daysOff.ContainsKey(d.Key)))
            problems.Add($"{name} falls inside a holiday ({daysOff[date]})");
        return problems;
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
