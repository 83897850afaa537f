using AutoDialer.Core.Campaigns.Holidays;
using AutoDialer.Core.Telephony;
using AutoDialer.PostgreSql.Agents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.AspNetCore.Api;

/// <summary>Agents, caller numbers, provider accounts and holiday calendars across campaigns: what a campaign can be set up with.</summary>
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

        api.MapGet("/callbacks", async (HttpRequest request, PostgreSql.Callbacks.CallbackBoard callbacks, TimeProvider clock, CancellationToken ct) =>
            {
                var query = new QueryErrors();
                var campaignId = query.Long("campaign_id", request.Query["campaign_id"]);
                var limit = query.Int("limit", request.Query["limit"], 100, 1, PostgreSql.Callbacks.CallbackBoard.MaxLimit);
                if (query.Any) return Problems.Invalid(query.All);
                var agentId = request.Query["agent_id"].ToString() is { Length: > 0 } agent ? agent : null;
                var account = request.Query["provider_account"].ToString() is { Length: > 0 } named ? named : null;
                return Results.Json(await callbacks.ListAsync(campaignId, agentId, account, limit, clock.GetUtcNow(), ct), ApiJson.Options);
            })
            .WithTags("Callbacks").WithSummary("Callbacks still to be dialled, soonest first, with their owner, the owner's grace and their state now (scheduled, due, overdue)")
            .Produces<IReadOnlyList<Core.Agents.CallbackEntry>>().ProducesValidationProblem();
        api.MapGet("/agents/seen", async (HttpRequest request, SeenAgents seen, TimeProvider clock, CancellationToken ct) =>
            {
                var account = request.Query["provider_account"].ToString();
                return Results.Json(await seen.ListAsync(account.Length == 0 ? null : account, clock.GetUtcNow(), ct), ApiJson.Options);
            })
            .WithTags("Agents")
            .WithSummary("Agents the dialer has seen: a workbench page connected for them, or their vendor listed them; with their page now, on any node")
            .Produces<IReadOnlyList<SeenAgent>>();

        api.MapGet("/providers", (IServiceProvider services) =>
                Results.Json(services.GetService<IProviderHealth>()?.Circuits() ?? [], ApiJson.Options))
            .WithTags("Providers").WithSummary("This node's provider circuits").Produces<IReadOnlyList<ProviderCircuit>>();

        api.MapGet("/provider-accounts", async (ProviderAccountDirectory directory, TimeProvider clock, CancellationToken ct) =>
                Results.Json(await directory.ListAsync(clock.GetUtcNow(), ct), ApiJson.Options))
            .WithTags("Providers")
            .WithSummary("The provider accounts the cluster's dialling nodes serve, with their circuits and the pages connected for them")
            .Produces<IReadOnlyList<ProviderAccountStatus>>();

        api.MapGet("/nodes", async (PostgreSql.Nodes.NodeReadinessBoard nodes, TimeProvider clock, CancellationToken ct) =>
                Results.Json(await nodes.ListAsync(clock.GetUtcNow(), ct), ApiJson.Options))
            .WithTags("Nodes")
            .WithSummary("Each node of the cluster as it last reported its readiness (/healthz/ready's checks): ready, or which checks failed, or not reporting")
            .Produces<IReadOnlyList<PostgreSql.Nodes.NodeReadiness>>();

        api.MapGet("/holiday-calendars", (HolidayCalendars calendars, TimeProvider clock) =>
            {
                var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                return Results.Json(calendars.All.Select(c => HolidayCalendarView.Of(c, today)).ToList(), ApiJson.Options);
            })
            .WithTags("Campaigns")
            .WithSummary("The national holiday calendars a campaign can follow (schedule.holiday_calendar), with their coverage")
            .Produces<IReadOnlyList<HolidayCalendarView>>();
    }
}
