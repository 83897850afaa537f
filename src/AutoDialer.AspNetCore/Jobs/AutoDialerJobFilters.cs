using Hangfire;
using Hangfire.Common;
using AutoDialer.Core;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// The job filters of one host, from its own container (Hangfire's default is a process-wide static collection, which
/// two hosts in one process would share). Imports are retried with growing waits a bounded number of times, except a
/// list that can never be imported (<see cref="PostgreSql.Import.ContactListFormatException"/>), which fails at once
/// with its reason; every other job is not retried by Hangfire: the recurring jobs run again at their next occurrence.
/// </summary>
internal sealed class AutoDialerJobFilters : IJobFilterProvider
{
    /// <summary>The longest wait between two import attempts.</summary>
    public static readonly TimeSpan MaxImportRetryDelay = TimeSpan.FromMinutes(30);

    /// <summary>Each wait is this many times the one before.</summary>
    public const double ImportRetryGrowth = 4.0;

    private readonly JobFilter[] _common =
    [
        // The dashboard's succeeded/failed graphs.
        new(new StatisticsHistoryAttribute(), JobFilterScope.Global, null),
        // [FromParameter("Time")]: the occurrence a recurring job was created for.
        new(new JobParameterInjectionFilter(), JobFilterScope.Global, null),
    ];

    private readonly JobFilter _importRetry;
    private readonly JobFilter _noRetry = new(new AutomaticRetryAttribute { Attempts = 0 }, JobFilterScope.Global, null);

    public AutoDialerJobFilters(IOptions<AutoDialerOptions> options, AutoDialerTelemetry telemetry)
    {
        _common = [.. _common, new JobFilter(new JobFailureCounter(telemetry), JobFilterScope.Global, null)];
        var first = options.Value.ImportRetryDelay;
        _importRetry = new JobFilter(new AutomaticRetryAttribute
        {
            Attempts = options.Value.ImportRetries,
            DelayInSecondsByAttemptFunc = attempt => ImportRetryDelaySeconds(first, attempt),
            ExceptOn = [typeof(PostgreSql.Import.ContactListFormatException)],
            OnAttemptsExceeded = AttemptsExceededAction.Fail,
        }, JobFilterScope.Type, null);
    }

    public IEnumerable<JobFilter> GetFilters(Job job) =>
        job?.Type == typeof(ImportContactListJob) ? [.. _common, _importRetry] : [.. _common, _noRetry];

    /// <summary>The wait before retry <paramref name="attempt"/> (1-based): the first delay, times 4 for each retry before, in whole seconds.</summary>
    public static int ImportRetryDelaySeconds(TimeSpan first, long attempt)
    {
        var delay = first.TotalSeconds * Math.Pow(ImportRetryGrowth, Math.Max(0, attempt - 1));
        return (int)Math.Clamp(Math.Ceiling(delay), 1, MaxImportRetryDelay.TotalSeconds);
    }
}
