using System.Globalization;
using AutoDialer.AspNetCore.Access;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Campaigns.Holidays;
using AutoDialer.Core.Dispositions;
using AutoDialer.Core.StoredWords;
using AutoDialer.Dialing.Campaigns;
using AutoDialer.PostgreSql.Audit;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.PostgreSql.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AutoDialer.AspNetCore.Api;

/// <summary>Campaigns: create, read, list, settings, lifecycle commands, progress, stats, attempts, export.</summary>
internal static class CampaignEndpoints
{
    private static readonly string[] Outcomes = CallOutcomes.All.Select(o => o.ToName()).ToArray();
    private static readonly string[] AttemptStatusNames = AttemptStatuses.All.Select(s => s.ToName()).ToArray();

    public static void Map(RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/campaigns").WithTags("Campaigns");

        campaigns.MapGet("", async (CampaignBoard board, CancellationToken ct) => Results.Json(await board.ListAsync(ct), ApiJson.Options))
            .Produces<IReadOnlyList<CampaignView>>();

        campaigns.MapPost("", CreateAsync).RequirePermission(Permission.EditCampaigns)
            .Accepts<CreateCampaignRequest>("application/json")
            .Produces<CampaignView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        campaigns.MapGet("/{id:long}", async (long id, CampaignBoard board, CancellationToken ct) =>
                await board.FindAsync(id, ct) is { } view ? Results.Json(view, ApiJson.Options) : Problems.NotFound($"Campaign {id}"))
            .Produces<CampaignView>().ProducesProblem(StatusCodes.Status404NotFound);

        campaigns.MapPut("/{id:long}/settings", UpdateSettingsAsync).RequirePermission(Permission.EditCampaigns)
            .Accepts<CampaignSettings>("application/json")
            .Produces<CampaignView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        campaigns.MapDelete("/{id:long}", async (long id, HttpContext http, CampaignStore store, CancellationToken ct) =>
            {
                try
                {
                    return await store.DeleteDraftAsync(id, AuditActors.Of(http), ct) ? Results.NoContent() : Problems.NotFound($"Campaign {id}");
                }
                catch (CampaignNotDeletableException e)
                {
                    return Problems.Conflict(e.Message);
                }
            })
            .RequirePermission(Permission.EditCampaigns)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        foreach (var command in new[] { CampaignCommand.Start, CampaignCommand.Pause, CampaignCommand.Resume, CampaignCommand.Cancel })
        {
            campaigns.MapPost($"/{{id:long}}/{command.ToString().ToLowerInvariant()}",
                    (long id, HttpContext http, CampaignStore store, CampaignBoard board, CancellationToken ct) =>
                        TransitionAsync(id, command, AuditActors.Of(http), store, board, ct))
                .RequirePermission(command == CampaignCommand.Cancel ? Permission.CancelCampaigns : Permission.RunCampaigns)
                .Produces<CampaignView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        }

        campaigns.MapGet("/{id:long}/progress", async (long id, CampaignBoard board, CancellationToken ct) =>
                await board.ProgressAsync(id, ct) is { } progress ? Results.Json(progress, ApiJson.Options) : Problems.NotFound($"Campaign {id}"))
            .Produces<ProgressView>().ProducesProblem(StatusCodes.Status404NotFound);

        campaigns.MapGet("/{id:long}/diagnostics", async (long id, DialingDiagnostics diagnostics, CancellationToken ct) =>
                await diagnostics.GetAsync(id, ct) is { } view ? Results.Json(view, ApiJson.Options) : Problems.NotFound($"Campaign {id}"))
            .WithSummary("Why isn't it dialling? The campaign's contacts that cannot be dialled now, by reason")
            .Produces<DialingDiagnosticsView>().ProducesProblem(StatusCodes.Status404NotFound);

        campaigns.MapGet("/{id:long}/outcomes", async (long id, CampaignStore store, CampaignCounters counters, CancellationToken ct) =>
                await store.FindAsync(id, ct) is null
                    ? Problems.NotFound($"Campaign {id}")
                    : Results.Json(await counters.OutcomesAsync(id, ct), ApiJson.Options))
            .Produces<IReadOnlyDictionary<string, long>>().ProducesProblem(StatusCodes.Status404NotFound);

        campaigns.MapGet("/{id:long}/dispositions", async (long id, CampaignStore store, CampaignCounters counters, CancellationToken ct) =>
                await store.FindAsync(id, ct) is null
                    ? Problems.NotFound($"Campaign {id}")
                    : Results.Json(await counters.DispositionsAsync(id, ct), ApiJson.Options))
            .WithSummary("Attempts per disposition code the agents recorded (the last one of each attempt)")
            .Produces<IReadOnlyDictionary<string, long>>().ProducesProblem(StatusCodes.Status404NotFound);

        campaigns.MapGet("/{id:long}/dispositions/summary", DispositionSummaryAsync)
            .WithSummary("Every disposition code of the campaign with its labels and effect, and the calls that carry it today and in all")
            .Produces<DispositionSummaryView>().ProducesProblem(StatusCodes.Status404NotFound);

        campaigns.MapGet("/{id:long}/calls-per-hour", CallsPerHourAsync)
            .Produces<IReadOnlyList<HourlyCalls>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        campaigns.MapGet("/{id:long}/attempts", ListAttemptsAsync)
            .Produces<IReadOnlyList<AttemptRow>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        // A read, sent as POST so that phone numbers stay out of URLs.
        campaigns.MapPost("/{id:long}/attempts/search", SearchAttemptsAsync).RequirePermission(Permission.Read)
            .Accepts<AttemptSearchRequest>("application/json")
            .Produces<IReadOnlyList<AttemptRow>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        campaigns.MapGet("/{id:long}/caller-numbers", async (long id, CampaignStore store, CallerNumberBoard numbers, CancellationToken ct) =>
                await store.FindAsync(id, ct) is null
                    ? Problems.NotFound($"Campaign {id}")
                    : Results.Json(await numbers.ListAsync(id, ct), ApiJson.Options))
            .Produces<IReadOnlyList<CallerNumberUse>>().ProducesProblem(StatusCodes.Status404NotFound);

        campaigns.MapGet("/{id:long}/export.csv", ExportAsync)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, CampaignStore store, CampaignBoard board, HolidayCalendars calendars,
        CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateCampaignRequest>(request);
        if (problem is not null) return problem;
        if (string.IsNullOrWhiteSpace(body!.Name)) return Problems.Invalid("name", "A campaign name is required.");
        if (body.Name.Trim().Length > 200) return Problems.Invalid("name", "At most 200 characters.");
        // Ignoring it would dial in another zone than the one asked for.
        if (body.Settings is not null && body.TimeZone is not null)
            return Problems.Invalid("time_zone", "Only without settings; with settings the zone is settings.schedule.time_zone_id.");

        var settings = body.Settings ?? CampaignSettings.Default(string.IsNullOrWhiteSpace(body.TimeZone) ? "Asia/Shanghai" : body.TimeZone.Trim());
        var errors = settings.Validate(calendars);
        if (errors.Count > 0)
            return Problems.Invalid(errors, body.Settings is null ? "" : "settings");
        try
        {
            var campaign = await store.CreateAsync(body.Name, settings, AuditActors.Of(request.HttpContext), ct);
            return Results.Json(await board.ViewOfAsync(campaign, ct), ApiJson.Options, statusCode: StatusCodes.Status201Created);
        }
        catch (CampaignExistsException e)
        {
            return Problems.Conflict(e.Message);
        }
    }

    private static async Task<IResult> UpdateSettingsAsync(long id, HttpRequest request, CampaignStore store, CampaignBoard board,
        HolidayCalendars calendars, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is null) return Problems.NotFound($"Campaign {id}");
        var (settings, problem) = await JsonBody.ReadAsync<CampaignSettings>(request);
        if (problem is not null) return problem;
        var errors = settings!.Validate(calendars);
        if (errors.Count > 0) return Problems.Invalid(errors);
        try
        {
            var campaign = await store.UpdateSettingsAsync(id, settings, AuditActors.Of(request.HttpContext), ct);
            return Results.Json(await board.ViewOfAsync(campaign, ct), ApiJson.Options);
        }
        catch (KeyNotFoundException)
        {
            return Problems.NotFound($"Campaign {id}");
        }
    }

    private static async Task<IResult> TransitionAsync(long id, CampaignCommand command, AuditActor actor, CampaignStore store, CampaignBoard board,
        CancellationToken ct)
    {
        try
        {
            var campaign = await store.TransitionAsync(id, command, actor, ct);
            return Results.Json(await board.ViewOfAsync(campaign, ct), ApiJson.Options);
        }
        catch (KeyNotFoundException)
        {
            return Problems.NotFound($"Campaign {id}");
        }
        catch (InvalidCampaignTransitionException e)
        {
            return Problems.Conflict(e.Message, new Dictionary<string, object?>
            {
                ["state"] = e.State.ToName(),
                ["command"] = e.Command.ToString().ToLowerInvariant(),
            });
        }
    }

    private static async Task<IResult> DispositionSummaryAsync(long id, CampaignStore store, CampaignCounters counters, TimeProvider clock,
        CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } campaign) return Problems.NotFound($"Campaign {id}");
        var zone = campaign.Settings.Schedule.TimeZoneId;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
        var codes = DispositionTally.Of(campaign.Settings.Dispositions.Codes, await counters.DispositionsOfDayAsync(id, today, zone, ct),
            await counters.DispositionsAsync(id, ct));
        return Results.Json(new DispositionSummaryView(today, zone, codes), ApiJson.Options);
    }

    private static async Task<IResult> CallsPerHourAsync(long id, string? day, CampaignStore store, AttemptLog log, TimeProvider clock, CancellationToken ct)
    {
        var query = new QueryErrors();
        var date = query.Date("day", day);
        if (query.Any) return Problems.Invalid(query.All);
        if (await store.FindAsync(id, ct) is not { } campaign) return Problems.NotFound($"Campaign {id}");
        var zone = campaign.Settings.Schedule.TimeZoneId;
        date ??= DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
        var hours = await log.CallsPerHourAsync(id, date.Value, zone, ct);
        // Every hour of the day, so a chart needs no gap-filling of its own.
        var full = Enumerable.Range(0, 24).Select(h => hours.FirstOrDefault(x => x.Hour == h) ?? new HourlyCalls(h, 0, 0)).ToList();
        return Results.Json(new { day = date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), time_zone = zone, hours = full }, ApiJson.Options);
    }

    private static async Task<IResult> ListAttemptsAsync(long id, HttpRequest request, CampaignStore store, AttemptLog log, CancellationToken ct)
    {
        var q = request.Query;
        var query = new QueryErrors();
        var filter = new AttemptFilter(id,
            Outcome: query.OneOf("outcome", q["outcome"], Outcomes),
            Status: query.OneOf("status", q["status"], AttemptStatusNames),
            AgentId: string.IsNullOrWhiteSpace(q["agent_id"]) ? null : q["agent_id"].ToString(),
            From: query.Instant("from", q["from"]),
            Until: query.Instant("until", q["until"]),
            Limit: query.Int("limit", q["limit"], 50, 1, AttemptLog.MaxLimit),
            Offset: query.Int("offset", q["offset"], 0, 0, int.MaxValue));
        if (!string.IsNullOrEmpty(q["phone"]))
            query.Add("phone", "Phone numbers are not accepted in URLs; use POST …/attempts/search.");
        if (query.Any) return Problems.Invalid(query.All);
        if (await store.FindAsync(id, ct) is null) return Problems.NotFound($"Campaign {id}");
        return Results.Json(await log.SearchAsync(filter, ct), ApiJson.Options);
    }

    private static async Task<IResult> SearchAttemptsAsync(long id, HttpRequest request, CampaignStore store, AttemptLog log, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is null) return Problems.NotFound($"Campaign {id}");
        var (body, problem) = await JsonBody.ReadAsync<AttemptSearchRequest>(request);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (body!.Outcome is { } outcome && !Outcomes.Contains(outcome)) errors["outcome"] = [$"Must be one of: {string.Join(", ", Outcomes)}."];
        if (body.Status is { } status && !AttemptStatusNames.Contains(status)) errors["status"] = [$"Must be one of: {string.Join(", ", AttemptStatusNames)}."];
        if (body.Limit is < 1 or > AttemptLog.MaxLimit) errors["limit"] = [$"Must be a whole number from 1 to {AttemptLog.MaxLimit}."];
        if (body.Offset < 0) errors["offset"] = ["Must not be negative."];
        if (errors.Count > 0) return Problems.Invalid(errors);
        var filter = new AttemptFilter(id, body.Outcome, body.Status, string.IsNullOrWhiteSpace(body.AgentId) ? null : body.AgentId,
            string.IsNullOrWhiteSpace(body.Phone) ? null : body.Phone, body.From, body.Until, body.Limit, body.Offset);
        return Results.Json(await log.SearchAsync(filter, ct), ApiJson.Options);
    }

    private static async Task<IResult> ExportAsync(long id, HttpContext http, CampaignStore store, ContactExporter exporter, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } campaign) return Problems.NotFound($"Campaign {id}");
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"campaign-{id}-results.csv\"";
        UploadEndpoints.AllowSynchronousWrites(http);
        await exporter.WriteAsync(campaign.Name, http.Response.Body, ct);
        return Results.Empty;
    }
}
