using AutoDialer.AspNetCore.Access;
using AutoDialer.Core.Import;
using AutoDialer.PostgreSql.DoNotCall;
using AutoDialer.PostgreSql.Import;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// The do-not-call list. Numbers travel only in request bodies (lookups and removals too), never in URLs, and are
/// logged only as counts.
/// </summary>
internal static class DncEndpoints
{
    private const int MaxNumbersPerRequest = 100_000;

    public static void Map(RouteGroupBuilder api)
    {
        var dnc = api.MapGroup("/dnc").WithTags("Do not call");

        dnc.MapGet("", async (HttpRequest request, DoNotCallList list, CancellationToken ct) =>
            {
                var query = new QueryErrors();
                var limit = query.Int("limit", request.Query["limit"], 50, 1, 1000);
                var offset = query.Int("offset", request.Query["offset"], 0, 0, int.MaxValue);
                if (query.Any) return Problems.Invalid(query.All);
                return Results.Json(await list.ListAsync(limit, offset, ct), ApiJson.Options);
            })
            .Produces<DoNotCallPage>().ProducesValidationProblem();

        dnc.MapPost("", async (HttpRequest request, DoNotCallList list, ILoggerFactory loggers, CancellationToken ct) =>
            {
                var (body, problem) = await ReadNumbersAsync<DncAddRequest>(request, b => b.Numbers);
                if (problem is not null) return problem;
                var result = await list.AddAsync(body!.Numbers, string.IsNullOrWhiteSpace(body.Source) ? "api" : body.Source.Trim(),
                    AuditActors.Of(request.HttpContext), ct);
                Log(loggers, "added", result.Added, result.Invalid.Count);
                return Results.Json(AddView(result), ApiJson.Options);
            })
            .RequirePermission(Permission.AddDoNotCall).Accepts<DncAddRequest>("application/json").ProducesValidationProblem();

        dnc.MapPost("/remove", async (HttpRequest request, DoNotCallList list, ILoggerFactory loggers, CancellationToken ct) =>
            {
                var (body, problem) = await ReadNumbersAsync<DncRemoveRequest>(request, b => b.Numbers);
                if (problem is not null) return problem;
                var result = await list.RemoveAsync(body!.Numbers, AuditActors.Of(request.HttpContext), ct);
                Log(loggers, "removed", result.Removed, result.Invalid.Count);
                return Results.Json(new
                {
                    removed = result.Removed,
                    not_listed = result.NotListed,
                    contacts_restored = result.ContactsRestored,
                    invalid = result.Invalid.Select(i => new { input = i.Input, reason = i.Reason }),
                }, ApiJson.Options);
            })
            .RequirePermission(Permission.RemoveDoNotCall).Accepts<DncRemoveRequest>("application/json").ProducesValidationProblem();

        dnc.MapPost("/lookup", async (HttpRequest request, DoNotCallList list, CancellationToken ct) =>
            {
                var (body, problem) = await JsonBody.ReadAsync<DncLookupRequest>(request);
                if (problem is not null) return problem;
                var normalized = PhoneNumberNormalizer.Normalize(body!.Number);
                if (normalized.Phone is not { } phone)
                    return Problems.Invalid("number", $"Not a phone number ({normalized.Reason ?? RejectReason.InvalidFormat}).");
                return Results.Json(new { phone, listed = await list.ContainsAsync(phone, ct) }, ApiJson.Options);
            })
            .RequirePermission(Permission.Read).Accepts<DncLookupRequest>("application/json").ProducesValidationProblem();

        dnc.MapPost("/upload", async (HttpRequest request, UploadStorage storage, DoNotCallList list, ListFileOptions files, ILoggerFactory loggers,
                CancellationToken ct) =>
            {
                var (stored, error) = await storage.SaveAsync(request, ct);
                if (stored is null) return Problems.Invalid("file", error!);
                try
                {
                    DoNotCallFileNumbers read;
                    try
                    {
                        read = await DoNotCallFile.ReadAsync(stored.Path, files, ct);
                    }
                    catch (ContactListFormatException e)
                    {
                        return Problems.Invalid("file", $"The file cannot be read as a list: {e.Message}");
                    }
                    if (read.Phones.Count == 0)
                        return Problems.Invalid("file", read.Refused.Count == 0
                            ? "The file holds no numbers."
                            : $"The file holds no numbers: {string.Join("; ", read.Refused.Take(5).Select(r => $"line {r.Line} '{r.Input}': {r.Reason}"))}.");
                    var result = await list.AddAsync(read.Phones, $"upload:{stored.FileName}", AuditActors.Of(request.HttpContext), ct);
                    Log(loggers, "added from a file", result.Added, read.Refused.Count);
                    return Results.Json(new
                    {
                        rows = read.Rows,
                        encoding = read.Encoding,
                        added = result.Added,
                        already_listed = result.AlreadyListed,
                        contacts_suppressed = result.ContactsSuppressed,
                        refused = read.Refused.Select(r => new { line = r.Line, input = r.Input, reason = r.Reason }),
                        invalid = result.Invalid.Select(i => new { input = i.Input, reason = i.Reason }),
                    }, ApiJson.Options);
                }
                finally
                {
                    File.Delete(stored.Path);
                }
            })
            .RequirePermission(Permission.AddDoNotCall).Accepts<IFormFile>("multipart/form-data").ProducesValidationProblem();
    }

    private static async Task<(T? Body, IResult? Problem)> ReadNumbersAsync<T>(HttpRequest request, Func<T, List<string>> numbersOf) where T : class
    {
        var (body, problem) = await JsonBody.ReadAsync<T>(request);
        if (problem is not null) return (null, problem);
        var count = numbersOf(body!).Count;
        if (count == 0) return (null, Problems.Invalid("numbers", "At least one number is required."));
        if (count > MaxNumbersPerRequest)
            return (null, Problems.Invalid("numbers", $"At most {MaxNumbersPerRequest} numbers per request; upload a file for more."));
        return (body, null);
    }

    private static object AddView(DoNotCallAddResult result) => new
    {
        added = result.Added,
        already_listed = result.AlreadyListed,
        contacts_suppressed = result.ContactsSuppressed,
        invalid = result.Invalid.Select(i => new { input = i.Input, reason = i.Reason }),
    };

    private static void Log(ILoggerFactory loggers, string what, int count, int invalid) =>
        loggers.CreateLogger("AutoDialer.DoNotCall").LogInformation("Do-not-call list: {Count} numbers {What}, {Invalid} inputs invalid", count, what, invalid);
}
