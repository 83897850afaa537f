using System.Globalization;

namespace AutoDialer.PostgreSql.Reports;

/// <summary>
/// A day's report as one rectangular, spreadsheet-safe CSV table (<see cref="SpreadsheetSafeCsv"/>): a <c>section</c>
/// column says what each row counts — <c>total</c>, <c>hour</c> (key 00–23, local), <c>agent</c>, <c>caller_number</c>
/// (key the number's id, label the number), <c>outcome</c> (its dials in <c>count</c>), <c>disposition</c> (key the code,
/// label its effect, its dials in <c>count</c>) and, for a day the nightly batch
/// closed, <c>contacts</c> (what it rescheduled and finalised, and the campaign's contacts by state right after).
/// </summary>
internal static class DailyReportCsv
{
    private static readonly string[] Columns =
        ["section", "key", "label", "dials", "answered", "answer_rate", "talk_seconds", "average_talk_seconds", "count"];

    public static async Task WriteAsync(DailyReport report, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var csv = await SpreadsheetSafeCsv.CreateAsync(output, cancellationToken);
        foreach (var column in Columns)
            csv.WriteField(column);
        await csv.EndRecordAsync(cancellationToken);

        void Calls(string section, string key, string label, long dials, long answered, double? rate, long talk, double? average)
        {
            csv.WriteField(section);
            csv.WriteField(key);
            csv.WriteField(label);
            csv.WriteField(Number(dials));
            csv.WriteField(Number(answered));
            csv.WriteField(rate?.ToString("0.####", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(Number(talk));
            csv.WriteField(average?.ToString("0.#", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField("");
            csv.EndRecord();
        }

        void Count(string section, string key, long count, string label = "")
        {
            csv.WriteField(section);
            csv.WriteField(key);
            csv.WriteField(label);
            for (var i = 0; i < Columns.Length - 4; i++)
                csv.WriteField("");
            csv.WriteField(Number(count));
            csv.EndRecord();
        }

        var t = report.Totals;
        Calls("total", report.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), report.Campaign, t.Dials, t.Answered, t.AnswerRate, t.TalkSeconds, t.AverageTalkSeconds);
        foreach (var h in report.ByHour)
            Calls("hour", h.Hour.ToString("00", CultureInfo.InvariantCulture), $"{h.Hour:00}:00–{h.Hour + 1:00}:00", h.Dials, h.Answered, h.AnswerRate, h.TalkSeconds, h.AverageTalkSeconds);
        foreach (var a in report.ByAgent)
            Calls("agent", a.AgentId, "", a.Dials, a.Answered, a.AnswerRate, a.TalkSeconds, a.AverageTalkSeconds);
        foreach (var n in report.ByCallerNumber)
            Calls("caller_number", n.CallerNumberId ?? "", n.CallerNumber ?? "", n.Dials, n.Answered, n.AnswerRate, n.TalkSeconds, n.AverageTalkSeconds);
        foreach (var o in report.ByOutcome)
            Count("outcome", o.Outcome, o.Dials);
        foreach (var d in report.ByDisposition)
            Count("disposition", d.Code, d.Dials, label: d.Effect);
        if (report.Close is { } close)
        {
            Count("contacts", "rescheduled", close.Rescheduled);
            Count("contacts", "finalised", close.Finalised);
            Count("contacts", "total", close.Contacts);
            Count("contacts", "pending", close.Pending);
            Count("contacts", "deferred", close.Deferred);
            Count("contacts", "suppressed", close.Suppressed);
            Count("contacts", "done", close.Done);
        }
        await csv.FlushAsync(cancellationToken);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
