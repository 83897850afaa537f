using AutoDialer.Dialing;
using AutoDialer.PostgreSql.Jobs;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Jobs;

internal static class JobsServiceCollectionExtensions
{
    /// <summary>How long a stopping node waits for its running jobs before leaving them to the others (sliding
    /// invisibility hands them on). Short, so a node whose database is gone still stops within the host's timeout.</summary>
    public static readonly TimeSpan JobShutdownTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How often scheduled jobs (an import's retry) are looked for; Hangfire's default is 15 s.</summary>
    public static readonly TimeSpan SchedulePollingInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How old a row of <c>hangfire.lock</c> must be before any node deletes it and takes the lock (Hangfire.PostgreSql's
    /// <c>DistributedLockTimeout</c>, 10 min by default). Its locks are rows, not sessions: nothing refreshes a live
    /// holder's row and nothing but the next node trying the same resource removes a dead one's, so a node killed inside
    /// the scheduling lock stops every recurring job of the cluster this long. 60 s: every lock AutoDialer's job store
    /// takes is held for milliseconds (the scheduler's pass, a job's state change; no job uses
    /// <c>DisableConcurrentExecution</c>), so only a stall of a minute (two Npgsql command timeouts) could let a second
    /// holder in, and even then Hangfire's per-job lock and re-read keep one occurrence from being enqueued twice; and it
    /// is no longer than the minute Hangfire's schedulers wait for a lock, so a dead holder's lock is taken over within
    /// that wait instead of failing the scheduler into its back-off. See docs/cluster.md.
    /// </summary>
    public static readonly TimeSpan JobLockTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Hangfire's storage and client on Hangfire.PostgreSql in AutoDialer's database (schema <c>hangfire</c>, installed by
    /// <c>migrate</c>, never by a starting node), with its own connection pool, sliding invisibility and LISTEN/NOTIFY long
    /// polling: what the API needs to enqueue imports and the Hangfire Dashboard to read, on every node.
    /// <see cref="JobStorage"/>, <see cref="JobActivator"/> and the filter provider are this container's own, registered
    /// before <c>AddHangfire</c> (which only adds what is missing): Hangfire's defaults are process-wide statics, and two
    /// hosts in one process would silently share one storage.
    /// </summary>
    internal static IServiceCollection AddAutoDialerJobStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AutoDialerOptions>>().Value;
            return new JobStorageConnections(options.ConnectionString, options.JobStorageMaxConnections);
        });
        services.AddSingleton<JobStorage>(sp => new PostgreSqlStorage(sp.GetRequiredService<JobStorageConnections>(), new PostgreSqlStorageOptions
        {
            SchemaName = JobStorageSchema.Name,
            PrepareSchemaIfNecessary = false,
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = sp.GetRequiredService<IOptions<AutoDialerOptions>>().Value.JobInvisibilityTimeout,
            EnableLongPolling = true,
            DistributedLockTimeout = JobLockTimeout,
        }));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IJobFilterProvider, AutoDialerJobFilters>();
        services.AddHangfire(configuration => configuration
            // Process-wide, but the same for every AutoDialer host: how job arguments are written.
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddSingleton<ListUploadQueue>();
        services.AddSingleton<SchedulingLag>();
        return services;
    }

    /// <summary>
    /// This node's Hangfire server (its own queue and the shared one), the job classes it runs, the recurring jobs it keeps
    /// in step with the campaigns, the per-node agent and stale sweeps, and the watch over late recurring jobs. Needs <see cref="AddAutoDialerJobStorage"/>.
    /// </summary>
    internal static IServiceCollection AddAutoDialerJobServer(this IServiceCollection services)
    {
        services.AddHangfireServer((sp, server) =>
        {
            var node = sp.GetRequiredService<IOptions<DialingOptions>>().Value.Node;
            server.ServerName = node;
            server.WorkerCount = sp.GetRequiredService<IOptions<AutoDialerOptions>>().Value.JobConcurrency;
            server.Queues = [JobQueues.ForNode(node), JobQueues.Shared];
            server.ShutdownTimeout = JobShutdownTimeout;
            server.SchedulePollingInterval = SchedulePollingInterval;
        });

        services.AddTransient<ImportContactListJob>();
        services.AddTransient<NightlyRetryBatchJob>();
        services.AddTransient<StaleAttemptSweepJob>();
        services.AddTransient<OrphanedUploadsJob>();
        services.AddTransient<AuditRetentionJob>();
        services.AddSingleton<JobPlan>();
        services.AddHostedService<RecurringJobSchedules>();
        services.AddHostedService<AgentSweepService>();
        services.AddHostedService<StaleSweepService>();
        services.AddHostedService<RecurringJobWatch>();
        return services;
    }

    /// <summary>Replaces the wall-clock recurring jobs with <see cref="SimulatedJobSchedule"/> (see AddAutoDialerAcceleratedClock).</summary>
    internal static IServiceCollection UseSimulatedJobSchedule(this IServiceCollection services)
    {
        foreach (var recurring in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(RecurringJobSchedules)).ToArray())
            services.Remove(recurring);
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SimulatedJobSchedule)))
            services.AddHostedService<SimulatedJobSchedule>();
        return services;
    }
}
