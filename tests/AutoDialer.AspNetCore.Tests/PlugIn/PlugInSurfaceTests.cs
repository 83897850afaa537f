using System.Net;
using AutoDialer.Core.Telephony;
using AutoDialer.Dialing;
using AutoDialer.PostgreSql;
using AutoDialer.Simulation;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.InProcess;
using AutoDialer.Testing;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoDialer.AspNetCore.Tests.PlugIn;

/// <summary>
/// The plug-in surface as an application meets it: AddAutoDialer on every node, AddAutoDialerServer on the nodes that
/// dial, MapAutoDialer; misuse fails fast with a sentence; AutoDialer keeps to its own data source; options are checked
/// when the host starts; the simulated call center is there only when asked for.
/// </summary>
[Collection("postgres")]
public sealed class PlugInSurfaceTests(PostgresFixture postgres)
{
    [Fact]
    public void AddAutoDialerServer_without_AddAutoDialer_fails_with_the_call_to_add()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddAutoDialerServer());
        Assert.Equal("AddAutoDialerServer needs AddAutoDialer: call services.AddAutoDialer(configuration) (or builder.AddAutoDialer()) before AddAutoDialerServer.",
            error.Message);
    }

    [Fact]
    public void The_simulator_and_the_accelerated_clock_without_their_prerequisites_fail_with_the_call_to_add()
    {
        var simulator = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddAutoDialerSimulator());
        Assert.StartsWith("AddAutoDialerSimulator needs AddAutoDialer:", simulator.Message);

        var services = new ServiceCollection().AddAutoDialer(new ConfigurationBuilder().Build());
        var clock = Assert.Throws<InvalidOperationException>(() => services.AddAutoDialerAcceleratedClock(new AcceleratedTimeProvider(10)));
        Assert.Equal("AddAutoDialerAcceleratedClock needs AddAutoDialerServer: call services.AddAutoDialerServer() before AddAutoDialerAcceleratedClock.", clock.Message);
    }

    [Fact]
    public void MapAutoDialer_without_AddAutoDialer_fails_with_the_call_to_add()
    {
        var app = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => app.MapAutoDialer("/autodialer"));
        Assert.Equal("MapAutoDialer needs AddAutoDialer: call builder.Services.AddAutoDialer(builder.Configuration) (or builder.AddAutoDialer()) before building the application.",
            error.Message);
    }

    [Fact]
    public void Calling_AddAutoDialer_twice_fails_instead_of_registering_everything_twice()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddAutoDialer(configuration);
        var error = Assert.Throws<InvalidOperationException>(() => services.AddAutoDialer(configuration));
        Assert.Equal("AddAutoDialer was called twice: call it once, then AddAutoDialerServer on the nodes that dial.", error.Message);
    }

    [Fact]
    public void A_setting_that_moved_into_Resilience_fails_naming_where_it_went()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AutoDialer:Dialing:BreakerFailureRatio"] = "0.3",
        }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddAutoDialer(configuration));
        Assert.Equal("AutoDialer:Dialing:BreakerFailureRatio is no longer a setting: use AutoDialer:Dialing:Resilience:Breaker:FailureRatio.", error.Message);
    }

    [Fact]
    public async Task A_hosts_own_NpgsqlDataSource_is_neither_used_nor_replaced()
    {
        await using var db = await postgres.CreateDatabaseAsync("plugin");
        // The application's own data source points at a database that does not exist: AutoDialer using it would fail.
        var hostsOwn = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(postgres.ConnectionStringOf(db)) { Database = "the_hosts_own_database" }.ConnectionString);
        await using var app = Build(db, services =>
        {
            services.AddSingleton(hostsOwn);
            services.AddAutoDialerServer();
        });
        await app.StartAsync();
        try
        {
            Assert.Same(hostsOwn, app.Services.GetRequiredService<NpgsqlDataSource>());
            Assert.Single(app.Services.GetServices<NpgsqlDataSource>());
            var autoDialers = app.Services.GetRequiredKeyedService<NpgsqlDataSource>(AutoDialerDataSource.ServiceKey);
            Assert.NotSame(hostsOwn, autoDialers);
            Assert.Equal(new NpgsqlConnectionStringBuilder(postgres.ConnectionStringOf(db)).Database, new NpgsqlConnectionStringBuilder(autoDialers.ConnectionString).Database);

            using var http = Client(app);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/campaigns")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Without_an_unkeyed_NpgsqlDataSource_every_AutoDialer_service_still_resolves()
    {
        await using var db = await postgres.CreateDatabaseAsync("plugin");
        // ValidateOnBuild resolves every registration's constructor: one that asked for the unkeyed data source would fail here.
        await using var app = Build(db, services => services.AddAutoDialerServer().AddAutoDialerSimulator());
        Assert.Null(app.Services.GetService<NpgsqlDataSource>());
        Assert.NotNull(app.Services.GetRequiredService<DialingEngine>());
    }

    [Theory]
    [InlineData("AutoDialer:Dialing:DispatchConcurrency", "0", "The field DispatchConcurrency must be between 1 and 256.")]
    [InlineData("AutoDialer:Dialing:ReadTimeout", "00:00:00", "The field ReadTimeout must be between")]
    [InlineData("AutoDialer:Dialing:Resilience:Breaker:FailureRatio", "2", "AutoDialer:Dialing:Resilience:Breaker: The field FailureRatio must be between 0.001 and 1.")]
    [InlineData("AutoDialer:Dialing:FrequencyCaps:Per24Hours", "-1", "AutoDialer:Dialing:FrequencyCaps.per_24_hours: Must be 0 (off) or more, not -1.")]
    [InlineData("AutoDialer:JobConcurrency", "0", "AutoDialer:JobConcurrency must be between 1 and 100")]
    [InlineData("AutoDialer:Meiqia:Resilience:Retries", "99", "AutoDialer:Meiqia:Resilience: The field Retries must be between 0 and 10.")]
    public async Task An_invalid_option_stops_the_host_at_start_naming_the_setting(string setting, string value, string expected)
    {
        await using var db = await postgres.CreateDatabaseAsync("plugin");
        // Refused when the host starts, or sooner: mapping reads some settings (the bridge's make-call deadline, the job store).
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = Build(db, services => services.AddAutoDialerServer(), new Dictionary<string, string?> { [setting] = value });
            await app.StartAsync();
        });
        Assert.Contains(expected, error.Message);
        // Refused before anything started: no job server registered itself.
        await using var connection = db.CreateConnection();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from hangfire.server"));
    }

    [Fact]
    public async Task A_missing_connection_string_stops_the_host_at_start_with_a_sentence()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Services.AddAutoDialer(builder.Configuration);
        await using var app = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("AutoDialer:ConnectionString is not set: point it at a PostgreSQL database (or set AUTODIALER_DB)", error.Message);
    }

    [Fact]
    public async Task A_node_without_AddAutoDialerServer_serves_the_API_but_neither_dials_nor_runs_a_job_server()
    {
        await using var db = await postgres.CreateDatabaseAsync("plugin");
        await using var app = Build(db, services => services.AddAutoDialerSimulator());
        await app.StartAsync();
        try
        {
            using var http = Client(app);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/campaigns")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/hangfire")).StatusCode);
            // No agent connections either: the bridge is a dialling node's.
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/autodialer-bridge.js")).StatusCode);

            Assert.Null(app.Services.GetService<DialingEngine>());
            Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s.GetType().Namespace?.StartsWith("Hangfire", StringComparison.Ordinal) == true);
            Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s is DialingEngine);
            await Task.Delay(TimeSpan.FromSeconds(1));
            await using var connection = db.CreateConnection();
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from hangfire.server"));
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from attempts"));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task A_node_with_AddAutoDialerServer_runs_the_engine_and_a_job_server()
    {
        await using var db = await postgres.CreateDatabaseAsync("plugin");
        await using var app = Build(db, services => services.AddAutoDialerServer());
        await app.StartAsync();
        try
        {
            Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is DialingEngine);
            using var http = Client(app);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/autodialer-bridge.js")).StatusCode);
            await using var connection = db.CreateConnection();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (await connection.ExecuteScalarAsync<int>("select count(*) from hangfire.server") == 0 && DateTime.UtcNow < deadline)
                await Task.Delay(100);
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select count(*) from hangfire.server"));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task The_simulated_call_center_is_there_only_when_asked_for()
    {
        await using var db = await postgres.CreateDatabaseAsync("plugin");
        await using (var production = Build(db, services => services.AddAutoDialerServer()))
        {
            Assert.Empty(production.Services.GetServices<ICallCenter>());
        }

        await using var simulated = Build(db, services => services.AddAutoDialerServer().AddAutoDialerSimulator(),
            new Dictionary<string, string?> { ["AutoDialer:Simulator:Agents"] = "3" });
        var center = Assert.IsType<SimulatedCallCenter>(Assert.Single(simulated.Services.GetServices<ICallCenter>()));
        Assert.Equal("simulator", center.AccountId);

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddAutoDialer(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AutoDialer:Simulator:Enabled"] = "true" }).Build()));
        Assert.Equal("AutoDialer:Simulator:Enabled is no longer a setting: use AddAutoDialerSimulator() in code, or serve --simulate.", error.Message);
    }

    /// <summary>A host on 127.0.0.1 over <paramref name="db"/>, built with ValidateOnBuild as a Development host would be.</summary>
    private WebApplication Build(NpgsqlDataSource db, Action<IServiceCollection> services, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Host.UseDefaultServiceProvider(o => { o.ValidateOnBuild = true; o.ValidateScopes = true; });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AutoDialer:ConnectionString"] = postgres.ConnectionStringOf(db),
            ["AutoDialer:DataDirectory"] = Path.Combine(Path.GetTempPath(), "autodialer-plugin-" + Guid.NewGuid().ToString("N")),
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddAutoDialer();
        services(builder.Services);
        var app = builder.Build();
        app.MapAutoDialer();
        return app;
    }

    private static HttpClient Client(WebApplication app) => new()
    {
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
        Timeout = TimeSpan.FromSeconds(30),
    };
}
