using AutoDialer.AspNetCore.Access;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// <c>GET /api/audit?from=&amp;until=&amp;actor=&amp;action=&amp;campaign_id=&amp;limit=&amp;cursor=</c>: the audit trail, newest
/// first, a page at a time (keyset: <c>next_cursor</c> continues after the page's last entry). Admins only.
/// </summary>
internal static class AuditEndpoints
{
    private static readonly string[] Actions = AuditActions.All.Select(a => a.ToName()).ToArray();

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/audit", async (HttpRequest request, AuditTrail trail, CancellationToken ct) =>
            {
                var q = request.Query;
                var query = new QueryErrors();
                var from = query.Instant("from", q["from"]);
                var until = query.Instant("until", q["until"]);
                var action = query.OneOf("action", q["action"], Actions);
                var campaignId = query.Long("campaign_id", q["campaign_id"]);
                var limit = query.Int("limit", q["limit"], AuditFilter.DefaultLimit, 1, AuditFilter.MaxLimit);
                var cursor = AuditCursor.Parse(q["cursor"]);
                if (!string.IsNullOrEmpty(q["cursor"]) && cursor is null)
                    query.Add("cursor", "Not a cursor: pass the next_cursor of the previous page as it was given.");
                if (query.Any) return Problems.Invalid(query.All);

                var page = await trail.SearchAsync(new AuditFilter(from, until, string.IsNullOrWhiteSpace(q["actor"]) ? null : q["actor"].ToString(),
                    action is null ? null : AuditActions.Parse(action), campaignId, limit, cursor), ct);
                return Results.Json(new AuditPageView(page.Entries.Select(AuditEntryView.From).ToList(), page.Next?.ToText()), ApiJson.Options);
            })
            .RequirePermission(Permission.ReadAudit)
            .WithTags("Audit")
            .WithSummary("Who did what, when and from where: every state-changing action and every sign-in, newest first.")
            .Produces<AuditPageView>().ProducesValidationProblem();
}
