using AutoDialer.Core.Telephony;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.AspNetCore.Api;

/// <summary>Agents and caller numbers across campaigns.</summary>
internal static class InfoEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/agents", async (HttpRequest request, AgentBoard board, CancellationToken ct) =>
            {
                var query = new QueryErrors();
                var zone = query.Zone("time_zone", request.Query["time_zone"], TimeZoneInfo.Local);
                if (query.Any) return Problems.Invalid(query.All);
                return Results.Json(await board.ListAsync(zone, ct), ApiJson.Options);
            })
            .WithTags("Agents").Produces<IReadOnlyList<AgentView>>().ProducesValidationProblem();

        api.MapGet("/caller-numbers", async (HttpRequest request, PostgreSql.Dispatch.CallerNumberBoard numbers, CancellationToken ct) =>
            {
                var query = new QueryErrors();
                var campaignId = query.Long("campaign_id", request.Query["campaign_id"]);
                if (query.Any) return Problems.Invalid(query.All);
                return Results.Json(await numbers.ListAsync(campaignId, ct), ApiJson.Options);
            })
            .WithTags("Caller numbers").Produces<IReadOnlyList<PostgreSql.Dispatch.CallerNumberUse>>().ProducesValidationProblem();

        api.MapGet("/callbacks", async (HttpRequest request, PostgreSql.Callbacks.CallbackBoard callbacks, CancellationToken ct) =>
            {
                var query = new QueryErrors();
                var campaignId = query.Long("campaign_id", request.Query["campaign_id"]);
                var limit = query.Int("limit", request.Query["limit"], 100, 1, PostgreSql.Callbacks.CallbackBoard.MaxLimit);
                if (query.Any) return Problems.Invalid(query.All);
                var agentId = request.Query["agent_id"].ToString() is { Length: > 0 } agent ? agent : null;
                var account = request.Query["provider_account"].ToString() is { Length: > 0 } named ? named : null;
                return Results.Json(await callbacks.ListAsync(campaignId, agentId, account, limit, ct), ApiJson.Options);
            })
            .WithTags("Callbacks").WithSummary("Callbacks still to be dialled, soonest first, with their owner and the owner's grace")
            .Produces<IReadOnlyList<Core.Agents.CallbackEntry>>().ProducesValidationProblem();

        api.MapGet("/providers", (IServiceProvider services) =>
                Results.Json(services.GetService<IProviderHealth>()?.Circuits() ?? [], ApiJson.Options))
            .WithTags("Providers").Produces<IReadOnlyList<ProviderCircuit>>();
    }
}
