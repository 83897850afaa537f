using AutoDialer.PostgreSql;
using AutoDialer.AspNetCore.Bridge;
using AutoDialer.AspNetCore.Dialing;
using AutoDialer.AspNetCore.Jobs;
using AutoDialer.Telephony.Simulation;
using AutoDialer.PostgreSql.DoNotCall;
using AutoDialer.PostgreSql.Export;
using AutoDialer.PostgreSql.Import;
using AutoDialer.PostgreSql.Uploads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace AutoDialer.AspNetCore;

public static class AutoDialerServiceCollectionExtensions
{
    /// <summary>
    /// Adds AutoDialer's storage and its clustered Quartz scheduler (persistent store on the same PostgreSQL,
    /// schema provisioned on start, execution history in the database) to an application.
    /// </summary>
    public static IServiceCollection AddAutoDialer(this IServiceCollection services, IConfiguration configuration,
        Action<AutoDialerOptions>? configure = null, Action<DialingOptions>? configureDialing = null)
    {
        var section = configuration.GetSection(AutoDialerOptions.Section);
        var options = section.Get<AutoDialerOptions>() ?? new AutoDialerOptions();
        configure?.Invoke(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new InvalidOperationException("AutoDialer:ConnectionString is not set: point it at a PostgreSQL database (or set AUTODIALER_DB)");

        services.AddSingleton(Options.Create(options));
        var dialing = configuration.GetSection(DialingOptions.Section).Get<DialingOptions>() ?? new DialingOptions();
        configureDialing?.Invoke(dialing);
        services.AddSingleton(_ => AutoDialerDataSource.Create(options.ConnectionString));
        services.AddSingleton<ContactListImporter>();
        services.AddSingleton<ImportRejectsReport>();
        services.AddSingleton<ContactExporter>();
        services.AddSingleton<DoNotCallList>();
        services.AddSingleton<ListUploads>();
        services.AddSingleton<ListUploadQueue>();
        services.AddHostedService<MigrateOnStart>();

        services.AddQuartz(q =>
        {
            // The scheduler's own clock. Quartz's job store takes the container's TimeProvider regardless, so a host
            // that accelerates time registers it with AddAutoDialerAcceleratedClock, which keeps the store's intervals
            // and thresholds (check-ins, lock waits, misfires: real processes) at their wall-clock meaning.
            q.UseTimeProvider(TimeProvider.System);
            q.UseDefaultThreadPool(options.JobConcurrency);
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(options.ConnectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c =>
                {
                    c.CheckinInterval = options.ClusterCheckinInterval;
                    c.CheckinMisfireThreshold = options.ClusterCheckinMisfireThreshold;
                });
                store.ProvisionSchema();
                store.UseExecutionHistory();
            });
            // Every node runs the shared jobs ("_": triggers without a group) and its own agent sweep.
            q.ServeExecutionGroups("_", DialingSchedules.NodeGroup(dialing));
            q.AddJob<ImportContactListJob>(job => job.WithIdentity(ImportContactListJob.Key).StoreDurably());
            q.AddJob<AgentSweepJob>(job => job.WithIdentity(AgentSweepJob.Key).StoreDurably());
            q.AddJob<StaleAttemptSweepJob>(job => job.WithIdentity(StaleAttemptSweepJob.Key).StoreDurably());
            q.AddJob<NightlyRetryBatchJob>(job => job.WithIdentity(NightlyRetryBatchJob.Key).StoreDurably());
        });
        // Not AddQuartzHostedService: its stop waits for the scheduler without end (see JobSchedulerLifetime).
        services.AddHostedService<JobSchedulerLifetime>();

        // After the migrations (hosted services start in registration order): the engine needs the schema.
        services.AddAutoDialerDialing(dialing);
        if (options.Simulator.Enabled)
        {
            services.AddAutoDialerSimulator(new SimulatorOptions
            {
                AccountId = options.Simulator.AccountId,
                AgentCount = options.Simulator.Agents,
                Seed = options.Simulator.Seed,
            });
        }
        services.AddAutoDialerOperations(configuration);
        services.AddAutoDialerBridge(configuration);
        return services;
    }
}
