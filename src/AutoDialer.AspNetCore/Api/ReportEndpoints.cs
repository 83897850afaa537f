using System.Globalization;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// A campaign's daily reports: the days the nightly batch closed, and one day's report (as the batch stored it, else
/// computed from that day's attempts: today, or a day no batch has closed) as JSON or as a spreadsheet-safe CSV. The day
/// is the campaign's, in its time zone; <c>today</c> is its today on the dialer's clock.
/// </summary>
internal static class ReportEndpoints
{
    private const string Today = "today";

    public static void Map(RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/campaigns/{id:long}/reports").WithTags("Reports");
        reports.MapGet("", ListAsync)
            .Produces<ReportDaysView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapGet("/{day}", ReadAsync)
            .Produces<DailyReport>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapGet("/{day}.csv", CsvAsync)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(long id, HttpRequest request, CampaignStore campaigns, DailyReports reports, TimeProvider clock,
        CancellationToken ct)
    {
        var query = new QueryErrors();
        var limit = query.Int("limit", request.Query["limit"], 60, 1, 366);
        if (query.Any) return Problems.Invalid(query.All);
        if (await campaigns.FindAsync(id, ct) is not { } campaign) return Problems.NotFound($"Campaign {id}");
        var zone = campaign.Settings.Schedule.TimeZoneId;
        return Results.Json(new ReportDaysView(zone, TodayIn(zone, clock), await reports.ClosedDaysAsync(id, limit, ct)), ApiJson.Options);
    }

    private static async Task<IResult> ReadAsync(long id, string day, CampaignStore campaigns, DailyReports reports, TimeProvider clock, CancellationToken ct)
    {
        var (report, problem) = await FindAsync(id, day, campaigns, reports, clock, ct);
        return problem ?? Results.Json(report, ApiJson.Options);
    }

    private static async Task<IResult> CsvAsync(long id, string day, HttpContext http, CampaignStore campaigns, DailyReports reports, TimeProvider clock,
        CancellationToken ct)
    {
        var (report, problem) = await FindAsync(id, day, campaigns, reports, clock, ct);
        if (problem is not null) return problem;
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"campaign-{id}-report-{report!.Day:yyyy-MM-dd}.csv\"";
        UploadEndpoints.AllowSynchronousWrites(http);
        await DailyReportCsv.WriteAsync(report, http.Response.Body, ct);
        return Results.Empty;
    }

    private static async Task<(DailyReport? Report, IResult? Problem)> FindAsync(long id, string day, CampaignStore campaigns, DailyReports reports,
        TimeProvider clock, CancellationToken ct)
    {
        var query = new QueryErrors();
        var date = day == Today ? null : query.Date("day", day);
        if (query.Any) return (null, Problems.Invalid(query.All));
        if (await campaigns.FindAsync(id, ct) is not { } campaign) return (null, Problems.NotFound($"Campaign {id}"));
        var zone = campaign.Settings.Schedule.TimeZoneId;
        return (await reports.ReadAsync(id, campaign.Name, date ?? TodayIn(zone, clock), zone, ct), null);
    }

    private static DateOnly TodayIn(string zone, TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
}

/// <param name="Today">The campaign's today, in its time zone, on the dialer's clock.</param>
/// <param name="ClosedDays">Days the nightly batch closed, newest first.</param>
internal sealed record ReportDaysView(string TimeZone, DateOnly Today, IReadOnlyList<ClosedDay> ClosedDays);
