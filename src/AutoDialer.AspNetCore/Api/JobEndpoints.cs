using System.Globalization;
using System.Text.Json.Nodes;
using AutoDialer.AspNetCore.Access;
using AutoDialer.AspNetCore.Jobs;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// <c>/api/jobs</c>: a small facade over Hangfire for scripts (servers, recurring jobs with next run, processing, recent
/// failures; trigger; requeue). Everything else is in the Hangfire Dashboard at <c>{prefix}/hangfire</c>.
/// </summary>
internal static class JobEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/jobs").WithTags("Jobs");

        jobs.MapGet("", async (HttpRequest request, JobBoard board, CancellationToken ct) =>
            {
                var query = new QueryErrors();
                var limit = query.Int("limit", request.Query["limit"], 50, 1, 500);
                if (query.Any) return Problems.Invalid(query.All);
                return Results.Json(await board.ReadAsync(limit, ct), ApiJson.Options);
            })
            .WithSummary("Job servers, recurring jobs with their next run, jobs processing now, and the latest failures (at most `limit` each).")
            .Produces<JobsView>().ProducesValidationProblem();

        jobs.MapPost("/recurring/{id}/trigger", async (string id, HttpContext http, JobBoard board, AuditTrail audit, CancellationToken ct) =>
                await audit.RecordAroundAsync(AuditActors.Of(http), new AuditEntry(AuditAction.JobTrigger, AuditTarget.RecurringJob, id, CampaignOf(id), []),
                        () => board.TriggerNow(id), jobId => jobId is null ? null : new JsonObject { ["job_id"] = jobId }, ct) is { } jobId
                    ? Results.Accepted(value: new { recurring_job_id = id, job_id = jobId })
                    : Problems.NotFound($"Recurring job {id}"))
            .RequirePermission(Permission.RunJobs)
            .WithSummary("Runs a recurring job now (e.g. `nightly-7`), beside its schedule.")
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound);

        jobs.MapPost("/{jobId}/requeue", async (string jobId, HttpContext http, JobBoard board, AuditTrail audit, CancellationToken ct) =>
                (await audit.RecordAroundAsync(AuditActors.Of(http), new AuditEntry(AuditAction.JobRequeue, AuditTarget.Job, jobId, null, []),
                        () => board.Requeue(jobId), outcome => outcome == JobBoard.RequeueOutcome.Requeued ? [] : null, ct)) switch
                {
                    JobBoard.RequeueOutcome.Requeued => Results.Accepted(value: new { job_id = jobId, requeued = true }),
                    JobBoard.RequeueOutcome.NotFound => Problems.NotFound($"Job {jobId}"),
                    _ => Problems.Conflict($"Job {jobId} is not finished (failed, succeeded or deleted); only a finished job is requeued."),
                })
            .RequirePermission(Permission.RunJobs)
            .WithSummary("Enqueues a failed, succeeded or deleted job again with the arguments it had.")
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The campaign of a nightly batch's recurring job (<c>nightly-7</c>), for the audit trail's campaign filter.</summary>
    private static long? CampaignOf(string recurringJobId) =>
        recurringJobId.StartsWith(JobPlan.NightlyPrefix, StringComparison.Ordinal)
        && long.TryParse(recurringJobId.AsSpan(JobPlan.NightlyPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
}
