using AutoDialer.AspNetCore.Bridge;
using AutoDialer.AspNetCore.Holidays;
using AutoDialer.AspNetCore.Jobs;
using AutoDialer.AspNetCore.Observability;
using AutoDialer.Core;
using AutoDialer.Dialing;
using AutoDialer.PostgreSql;
using AutoDialer.PostgreSql.Audit;
using AutoDialer.PostgreSql.DoNotCall;
using AutoDialer.PostgreSql.Events;
using AutoDialer.PostgreSql.Import;
using AutoDialer.PostgreSql.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoDialer.AspNetCore;

/// <summary>
/// AutoDialer's entry points, the way Hangfire offers <c>AddHangfire</c> / <c>AddHangfireServer</c>:
/// <see cref="AddAutoDialer"/> on every node (storage, API, dashboard, access rules, the job store's client),
/// <see cref="AddAutoDialerServer"/> on the nodes that dial (the dialing engine, the agent bridge, the sweeps and this
/// node's Hangfire server), then <c>MapAutoDialer(prefix)</c>.
/// </summary>
public static class AutoDialerServiceCollectionExtensions
{
    /// <summary>
    /// Adds AutoDialer's storage (its own <see cref="NpgsqlDataSource"/>, keyed <see cref="AutoDialerDataSource.ServiceKey"/>:
    /// an application's own data source is neither used nor replaced), the job store's client (Hangfire.PostgreSql in the
    /// same database, schema <c>hangfire</c>; see <see cref="JobsServiceCollectionExtensions"/>), the API, dashboard and
    /// access rules. Options are bound from <paramref name="configuration"/>'s <c>AutoDialer</c> section (the dialing
    /// engine's from <c>AutoDialer:Dialing</c>), then <paramref name="configure"/>, and validated when the host starts.
    /// Such a node serves the API but does not dial: add <see cref="AddAutoDialerServer"/> for that.
    /// </summary>
    /// <exception cref="InvalidOperationException">AddAutoDialer was called before on these services.</exception>
    public static IServiceCollection AddAutoDialer(this IServiceCollection services, IConfiguration configuration,
        Action<AutoDialerOptions>? configure = null) =>
        services.AddAutoDialer(configuration, configureDialing: null, configure);

    /// <summary><see cref="AddAutoDialer(IServiceCollection, IConfiguration, Action{AutoDialerOptions}?)"/>, with the
    /// dialing engine's options changed in code after they are bound (<c>demo</c>'s clock, tests).</summary>
    internal static IServiceCollection AddAutoDialer(this IServiceCollection services, IConfiguration configuration,
        Action<DialingOptions>? configureDialing, Action<AutoDialerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(AutoDialerMarker)))
            throw new InvalidOperationException("AddAutoDialer was called twice: call it once, then AddAutoDialerServer on the nodes that dial.");
        services.AddSingleton(new AutoDialerMarker(configuration));

        services.AddAutoDialerOptions(configuration, configure, configureDialing);
        // The pool logs through the container's logger; Npgsql logs every command it runs at Information, which on the
        // dispatch path is thousands of lines a second: warnings only, unless the host asks for more after this call.
        services.AddLogging(logging => logging.AddFilter("Npgsql.Command", LogLevel.Warning));
        // PostgreSQL's clock, read through the node's (shifted only for testing: AutoDialer:Dialing:ClockOffset), so
        // that windows, caps, staleness and session ownership are judged on one clock across the nodes.
        services.TryAddSingleton<TimeProvider>(sp =>
        {
            var offset = sp.GetRequiredService<IOptions<DialingOptions>>().Value.ClockOffset;
            return new DatabaseClock(offset == TimeSpan.Zero ? TimeProvider.System : new ShiftedTimeProvider(TimeProvider.System, offset));
        });
        services.AddHostedService<DatabaseClockSync>();
        // The holiday calendars campaigns can follow: the shipped ones, or newer files (AutoDialer:HolidayCalendars).
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<HolidayCalendarOptions>>().Value.Load());
        // TryAdd: an application (or a bench) may register AutoDialer's data source itself under the same key.
        services.TryAddKeyedSingleton(AutoDialerDataSource.ServiceKey, (sp, _) =>
            AutoDialerDataSource.Create(sp.GetRequiredService<IOptions<AutoDialerOptions>>().Value.ConnectionString, sp.GetService<ILoggerFactory>()));
        // Workbooks' shared strings are cached on disk under the data directory while one is read (flat memory).
        services.TryAddSingleton(sp => new ListFileOptions
        {
            XlsxCacheDirectory = Path.Combine(sp.GetRequiredService<IOptions<AutoDialerOptions>>().Value.DataDirectory, "xlsx-cache"),
        });
        services.TryAddSingleton(sp => new ContactListImporter(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(AutoDialerDataSource.ServiceKey), sp.GetService<ILogger<ContactListImporter>>())
        {
            FileOptions = sp.GetRequiredService<ListFileOptions>(),
        });
        services.AddWithAutoDialerDataSource<ImportRejectsReport>();
        services.AddWithAutoDialerDataSource<ContactExporter>();
        services.AddWithAutoDialerDataSource<DailyReports>();
        services.AddWithAutoDialerDataSource<DoNotCallList>();
        services.AddWithAutoDialerDataSource<ListUploads>();
        services.AddWithAutoDialerDataSource<EventQuarantine>();
        services.AddWithAutoDialerDataSource<AuditTrail>();
        // First of the hosted services (they start in registration order): everything after needs the schema.
        services.AddHostedService<MigrateOnStart>();
        services.AddHostedService<NumberMetadataWarmUp>();

        // Every node measures (imports and job failures happen on any node that runs jobs); one meter per host.
        services.AddMetrics();
        services.TryAddSingleton<AutoDialerTelemetry>();
        services.AddAutoDialerTelemetry(configuration);
        services.AddAutoDialerJobStorage();
        services.AddDialingDiagnostics();
        services.AddAutoDialerOperations();
        return services;
    }

    /// <summary>
    /// Makes this node dial: the dialing engine (dispatcher, reconciler, stale sweeper), the agent bridge and the vendor
    /// accounts it serves (Udesk, Meiqia, when configured), the per-node agent sweep, and this node's Hangfire server with
    /// AutoDialer's jobs (list imports, the nightly retry batch, stale-attempt reconciliation) and their recurring schedules.
    /// Call it after <see cref="AddAutoDialer"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">AddAutoDialer was not called first, or AddAutoDialerServer was called twice.</exception>
    public static IServiceCollection AddAutoDialerServer(this IServiceCollection services)
    {
        ThrowIfNotConfigured(services, nameof(AddAutoDialerServer));
        var configuration = ((AutoDialerMarker)services.First(d => d.ServiceType == typeof(AutoDialerMarker)).ImplementationInstance!).Configuration;
        if (services.Any(d => d.ServiceType == typeof(AutoDialerServerMarker)))
            throw new InvalidOperationException("AddAutoDialerServer was called twice: call it once per node that dials.");
        services.AddSingleton<AutoDialerServerMarker>();

        services.AddAutoDialerDialing();
        services.AddAutoDialerBridge(configuration);
        services.AddAutoDialerJobServer();
        services.AddHostedService<DialerGauges>();
        return services;
    }

    /// <summary>Fails fast, with the call to add, when <paramref name="caller"/> is used without <c>AddAutoDialer</c>
    /// (also for the plug-ins of the plug-in: <c>AddAutoDialerSimulator</c>).</summary>
    internal static void ThrowIfNotConfigured(IServiceCollection services, string caller)
    {
        if (!services.Any(d => d.ServiceType == typeof(AutoDialerMarker)))
            throw new InvalidOperationException($"{caller} needs AddAutoDialer: call services.AddAutoDialer(configuration) (or builder.AddAutoDialer()) before {caller}.");
    }

    internal static void ThrowIfServerNotConfigured(IServiceCollection services, string caller)
    {
        ThrowIfNotConfigured(services, caller);
        if (!services.Any(d => d.ServiceType == typeof(AutoDialerServerMarker)))
            throw new InvalidOperationException($"{caller} needs AddAutoDialerServer: call services.AddAutoDialerServer() before {caller}.");
    }
}

/// <summary>Registered by <c>AddAutoDialer</c>, so the other entry points can tell it was called, with the configuration
/// it was given (which vendor accounts <c>AddAutoDialerServer</c> registers).</summary>
internal sealed class AutoDialerMarker(IConfiguration configuration)
{
    public IConfiguration Configuration { get; } = configuration;
}

/// <summary>Registered by <c>AddAutoDialerServer</c>: this node dials.</summary>
internal sealed class AutoDialerServerMarker;
