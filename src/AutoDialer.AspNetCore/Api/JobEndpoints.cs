using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Quartz;

namespace AutoDialer.AspNetCore.Api;

/// <summary>The jobs page's data and its two actions.</summary>
internal static class JobEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/jobs").WithTags("Jobs");

        jobs.MapGet("", async (HttpRequest request, JobBoard board, CancellationToken ct) =>
            {
                var query = new QueryErrors();
                var limit = query.Int("limit", request.Query["limit"], 100, 1, 1000);
                var failed = query.OneOf("failed", request.Query["failed"], ["true", "false"]) == "true";
                if (query.Any) return Problems.Invalid(query.All);
                return Results.Json(await board.ReadAsync(failed, limit, ct), ApiJson.Options);
            })
            .Produces<JobsView>().ProducesValidationProblem();

        jobs.MapPost("/{group}/{name}/trigger", async (string group, string name, JobBoard board, CancellationToken ct) =>
                await board.TriggerNowAsync(new JobKey(name, group), ct)
                    ? Results.Accepted(value: new { job_group = group, job_name = name, triggered = true })
                    : Problems.NotFound($"Job {group}.{name}"))
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound);

        jobs.MapPost("/executions/{entryId}/retry", async (string entryId, JobBoard board, CancellationToken ct) =>
                await board.RetryAsync(entryId, ct) switch
                {
                    JobBoard.RetryOutcome.Triggered => Results.Accepted(value: new { entry_id = entryId, retried = true }),
                    JobBoard.RetryOutcome.NotFound => Problems.NotFound($"Execution {entryId}"),
                    JobBoard.RetryOutcome.NotFailed => Problems.Conflict($"Execution {entryId} succeeded; only failures are retried."),
                    _ => Problems.Conflict($"The job of execution {entryId} no longer exists."),
                })
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
