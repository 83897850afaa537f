using AutoDialer.AspNetCore.Access;
using AutoDialer.AspNetCore.Jobs;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Import;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Import;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// List upload (multipart, streamed to disk) → background import job → status → validation report and rejects. With
/// <c>?review=true</c> the upload waits, staged, for its mapping step: its first rows and detected columns
/// (<c>preview</c>), then the columns a person chose (<c>import</c>), which queues the job.
/// </summary>
internal static class UploadEndpoints
{
    /// <summary>Rows a preview shows unless asked for another number (at most <see cref="MaxPreviewRows"/>).</summary>
    private const int DefaultPreviewRows = 10;

    private const int MaxPreviewRows = 100;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/campaigns/{id:long}/uploads", UploadAsync).WithTags("Uploads").RequirePermission(Permission.UploadLists)
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<UploadView>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var uploads = api.MapGroup("/uploads").WithTags("Uploads");
        uploads.MapGet("", async (HttpRequest request, ListUploads store, CampaignStore campaigns, CancellationToken ct) =>
            {
                var query = new QueryErrors();
                var limit = query.Int("limit", request.Query["limit"], 20, 1, 200);
                var campaignId = query.Long("campaign_id", request.Query["campaign_id"]);
                if (query.Any) return Problems.Invalid(query.All);
                string? name = null;
                if (campaignId is { } cid)
                {
                    if (await campaigns.FindAsync(cid, ct) is not { } campaign) return Problems.NotFound($"Campaign {cid}");
                    name = campaign.Name;
                }
                return Results.Json((await store.ListRecentAsync(limit, name, ct)).Select(UploadView.From), ApiJson.Options);
            })
            .Produces<IReadOnlyList<UploadView>>().ProducesValidationProblem();

        uploads.MapGet("/{id:long}", async (long id, ListUploads store, CancellationToken ct) =>
                await store.FindAsync(id, ct) is { } upload ? Results.Json(UploadView.From(upload), ApiJson.Options) : Problems.NotFound($"Upload {id}"))
            .Produces<UploadView>().ProducesProblem(StatusCodes.Status404NotFound);

        uploads.MapGet("/{id:long}/report", async (long id, HttpRequest request, ListUploads store, ImportSummaryReader reports, CancellationToken ct) =>
            {
                var query = new QueryErrors();
                var first = query.Int("first", request.Query["first"], 20, 0, 1000);
                if (query.Any) return Problems.Invalid(query.All);
                if (await store.FindAsync(id, ct) is not { } upload) return Problems.NotFound($"Upload {id}");
                if (upload.ListId is not { } listId || await reports.ReadAsync(listId, first, ct) is not { } summary)
                    return NotImported(upload);
                return Results.Json(summary, ApiJson.Options);
            })
            .Produces<ImportSummary>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        uploads.MapGet("/{id:long}/preview", PreviewAsync)
            .Produces<ListPreviewView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        // Confirming the columns is part of uploading (the upload's own audit entry was written when it was staged).
        uploads.MapPost("/{id:long}/import", ConfirmAsync).RequirePermission(Permission.UploadLists)
            .Accepts<ColumnMappingRequest>("application/json")
            .Produces<UploadView>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        uploads.MapGet("/{id:long}/rejects.csv", async (long id, HttpContext http, ListUploads store, ImportRejectsReport report, CancellationToken ct) =>
            {
                if (await store.FindAsync(id, ct) is not { } upload) return Problems.NotFound($"Upload {id}");
                if (upload.ListId is not { } listId) return NotImported(upload);
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"upload-{id}-rejects.csv\"";
                AllowSynchronousWrites(http);
                await report.WriteAsync(listId, http.Response.Body, ct);
                return Results.Empty;
            })
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> UploadAsync(long id, HttpContext http, CampaignStore campaigns, UploadStorage storage,
        ListUploadQueue queue, ListUploads uploads, IOptions<OperationsOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        // Lists of a gigabyte and more: lift the server's default body limit (30 MB) for this request only.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = options.Value.MaxUploadBytes;

        if (await campaigns.FindAsync(id, ct) is not { } campaign) return Problems.NotFound($"Campaign {id}");
        if (campaign.State is CampaignState.Cancelled or CampaignState.Completed)
            return Problems.Conflict($"Campaign {id} is {campaign.State.ToName()}: it takes no more lists.");

        var query = new QueryErrors();
        var review = query.Bool("review", http.Request.Query["review"], false);
        if (query.Any) return Problems.Invalid(query.All);

        var (stored, error) = await storage.SaveAsync(http.Request, ct);
        if (stored is null) return Problems.Invalid("file", error!);
        long uploadId;
        try
        {
            uploadId = review
                ? await queue.StageAsync(campaign.Name, stored.FileName, stored.Path, AuditActors.Of(http), ct)
                : (await queue.EnqueueAsync(campaign.Name, stored.FileName, stored.Path, AuditActors.Of(http), ct)).UploadId;
        }
        catch
        {
            File.Delete(stored.Path);
            throw;
        }
        loggers.CreateLogger("AutoDialer.Uploads").LogInformation(
            "Upload {UploadId}: {Bytes} bytes for campaign {CampaignId} {What}", uploadId, stored.Length, id, review ? "staged for its mapping step" : "queued for import");
        var upload = await uploads.FindAsync(uploadId, ct);
        return Results.Json(UploadView.From(upload!), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> PreviewAsync(long id, HttpRequest request, ListUploads store, ListFileOptions files, CancellationToken ct)
    {
        var query = new QueryErrors();
        var rows = query.Int("rows", request.Query["rows"], DefaultPreviewRows, 0, MaxPreviewRows);
        if (query.Any) return Problems.Invalid(query.All);
        if (await store.FindAsync(id, ct) is not { } upload) return Problems.NotFound($"Upload {id}");
        if (!File.Exists(upload.StoredPath))
            return Problems.Conflict($"Upload {id} is {upload.Status.ToName()} and its file is no longer in the upload folder: there is nothing to preview.",
                new Dictionary<string, object?> { ["status"] = upload.Status.ToName() });
        try
        {
            return Results.Json(ListPreviewView.From(id, await ListPreview.ReadAsync(upload.StoredPath, rows, files, ct)), ApiJson.Options);
        }
        catch (ContactListFormatException e)
        {
            return Problems.Invalid("file", $"The list cannot be read: {e.Message}");
        }
    }

    private static async Task<IResult> ConfirmAsync(long id, HttpRequest request, ListUploads store, ListUploadQueue queue, ListFileOptions files,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ColumnMappingRequest>(request);
        if (problem is not null) return problem;
        if (await store.FindAsync(id, ct) is not { } upload) return Problems.NotFound($"Upload {id}");
        if (upload.Status != UploadStatus.Staged)
            return Problems.Conflict($"Upload {id} is {upload.Status.ToName()}: only a staged upload (uploaded with review=true) takes a mapping.",
                new Dictionary<string, object?> { ["status"] = upload.Status.ToName() });

        var mapping = body!.ToMapping();
        int columns;
        try
        {
            columns = (await ListPreview.ReadAsync(upload.StoredPath, 0, files, ct)).Header.Count;
        }
        catch (ContactListFormatException e)
        {
            return Problems.Invalid("file", $"The list cannot be read: {e.Message}");
        }
        if (mapping.Problems(columns) is { Count: > 0 } problems)
            return Problems.Invalid(problems.ToDictionary(p => p.Key + "_column", p => new[] { p.Value }));

        if (!await queue.ConfirmAsync(id, mapping, ct))
            return Problems.Conflict($"Upload {id} was confirmed already.", new Dictionary<string, object?> { ["status"] = UploadStatuses.Queued });
        loggers.CreateLogger("AutoDialer.Uploads").LogInformation("Upload {UploadId}: columns confirmed, queued for import", id);
        return Results.Json(UploadView.From((await store.FindAsync(id, ct))!), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult NotImported(ListUpload upload) => Problems.Conflict(
        upload.Status == UploadStatus.Failed
            ? $"Upload {upload.Id} failed and has no report: {upload.Error}"
            : $"Upload {upload.Id} is {upload.Status.ToName()}; its report exists once it is imported.",
        new Dictionary<string, object?> { ["status"] = upload.Status.ToName() });

    internal static void AllowSynchronousWrites(HttpContext http)
    {
        // The CSV writer may flush a full buffer synchronously mid-record; the response is streamed either way.
        if (http.Features.Get<IHttpBodyControlFeature>() is { } control) control.AllowSynchronousIO = true;
    }
}
