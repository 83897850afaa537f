using AutoDialer.PostgreSql.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AutoDialer.AspNetCore.Api;

/// <summary><c>GET /api/events/quarantine?limit=20</c>: the vendor events PostgreSQL refused, counted, newest first.</summary>
internal static class QuarantineEndpoints
{
    private const int MaxLimit = 500;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/events/quarantine", async (HttpRequest request, EventQuarantine quarantine, CancellationToken ct) =>
            {
                var query = new QueryErrors();
                var limit = query.Int("limit", request.Query["limit"], EventQuarantine.DefaultRecent, 0, MaxLimit);
                if (query.Any) return Problems.Invalid(query.All);
                return Results.Json(new QuarantineView(await quarantine.CountAsync(ct), await quarantine.RecentAsync(limit, ct)), ApiJson.Options);
            })
            .WithTags("Vendor events").Produces<QuarantineView>().ProducesValidationProblem();
    }
}
