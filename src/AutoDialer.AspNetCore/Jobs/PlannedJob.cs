using Hangfire.Common;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>One recurring job: its id, what it runs, its six-field cron in <paramref name="Zone"/>, and its queue.</summary>
internal sealed record PlannedJob(string Id, Job Job, string Cron, TimeZoneInfo Zone, string Queue);
