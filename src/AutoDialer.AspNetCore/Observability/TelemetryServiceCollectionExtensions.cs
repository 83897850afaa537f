using AutoDialer.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AutoDialer.AspNetCore.Observability;

internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The standard variable that turns the OTLP exporter on (its siblings, OTEL_EXPORTER_OTLP_*, configure it).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The meter of Polly's telemetry (Polly.Extensions): the provider pipelines' breaker transitions, retries, timeouts.</summary>
    public const string PollyMeter = "Polly";

    /// <summary>
    /// OpenTelemetry for this node, added to whatever the application configures itself: the <c>AutoDialer</c> meter
    /// with Polly's (the provider accounts' breakers, retries and timeouts), ASP.NET Core's, the runtime's and Npgsql's, read by the Prometheus scrape endpoint <c>MapAutoDialer</c> maps
    /// (<see cref="ObservabilityOptions.MetricsPath"/>); with <see cref="OtlpEndpointVariable"/> set (in the environment or
    /// configuration), metrics and traces (the <c>AutoDialer</c> source, ASP.NET Core, Npgsql) also go to that collector.
    /// Traces are only started when they go somewhere: without a collector, a span on the dispatch path costs nothing.
    /// </summary>
    public static IServiceCollection AddAutoDialerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable] ?? Environment.GetEnvironmentVariable(OtlpEndpointVariable));
        var scrape = (configuration.GetSection(ObservabilityOptions.Section)[nameof(ObservabilityOptions.MetricsPath)] ?? ObservabilityOptions.DefaultMetricsPath).Length > 0;
        var telemetry = services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(AutoDialerTelemetry.Name, PollyMeter).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddNpgsqlInstrumentation();
            if (scrape) metrics.AddPrometheusExporter();
            if (otlp) metrics.AddOtlpExporter();
        });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(AutoDialerTelemetry.Name).AddAspNetCoreInstrumentation().AddNpgsql().AddOtlpExporter());
        }
        return services;
    }
}
