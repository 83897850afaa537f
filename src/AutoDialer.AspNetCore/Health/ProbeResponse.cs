using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AutoDialer.AspNetCore.Health;

/// <summary>
/// The body of <c>/healthz/live</c> and <c>/healthz/ready</c>, which may answer without credentials: the status and each
/// check's status, never a description (an error message can name the database server).
/// </summary>
internal static class ProbeResponse
{
    /// <summary>The checks <c>/healthz/ready</c> runs: database, migrations, this node's job server.</summary>
    public const string ReadyTag = "autodialer-ready";

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        });
    }
}
