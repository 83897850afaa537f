using AutoDialer.PostgreSql;
using AutoDialer.AspNetCore.Bridge;
using AutoDialer.Dialing;
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

namespace AutoDialer.AspNetCore;

public static class AutoDialerServiceCollectionExtensions
{
    /// <summary>
    /// Adds AutoDialer's storage, its jobs on Hangfire (Hangfire.PostgreSql in the same database, schema <c>hangfire</c>;
    /// see <see cref="JobsServiceCollectionExtensions"/>), the dialing engine, API and dashboard to an application.
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
        services.AddHostedService<MigrateOnStart>();

        services.AddAutoDialerJobs(options, dialing);

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
