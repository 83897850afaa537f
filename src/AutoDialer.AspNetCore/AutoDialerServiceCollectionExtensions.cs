using AutoDialer.AspNetCore.Jobs;
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
    public static IServiceCollection AddAutoDialer(this IServiceCollection services, IConfiguration configuration, Action<AutoDialerOptions>? configure = null)
    {
        var section = configuration.GetSection(AutoDialerOptions.Section);
        var options = section.Get<AutoDialerOptions>() ?? new AutoDialerOptions();
        configure?.Invoke(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new InvalidOperationException("AutoDialer:ConnectionString is not set: point it at a PostgreSQL database (or set AUTODIALER_DB)");

        services.AddSingleton(Options.Create(options));
        services.AddSingleton(_ => NpgsqlDataSource.Create(options.ConnectionString));
        services.AddSingleton<ContactListImporter>();
        services.AddSingleton<ImportRejectsReport>();
        services.AddSingleton<ContactExporter>();
        services.AddSingleton<DoNotCallList>();
        services.AddSingleton<ListUploads>();
        services.AddSingleton<ListUploadQueue>();
        services.AddHostedService<MigrateOnStart>();

        services.AddQuartz(q =>
        {
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
            q.AddJob<ImportContactListJob>(job => job.WithIdentity(ImportContactListJob.Key).StoreDurably());
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddAutoDialerOperations(configuration);
        return services;
    }
}
