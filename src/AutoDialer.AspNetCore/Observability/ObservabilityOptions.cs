using System.ComponentModel.DataAnnotations;

namespace AutoDialer.AspNetCore.Observability;

/// <summary>What monitoring may read, under <c>AutoDialer:Observability</c> (docs/observability.md).</summary>
internal sealed class ObservabilityOptions
{
    public const string Section = "AutoDialer:Observability";

    /// <summary>
    /// Whether <c>/healthz/live</c> and <c>/healthz/ready</c> answer without credentials, as a load balancer or an
    /// orchestrator asks (default true). They tell only up or down, and which check failed, never why.
    /// </summary>
    public bool AnonymousHealthProbes { get; set; } = true;

    /// <summary>Where the scrape endpoint is unless configured otherwise.</summary>
    public const string DefaultMetricsPath = "/metrics";

    /// <summary>
    /// Where the Prometheus scrape endpoint is mapped, under the plug-in's prefix (default <c>/metrics</c>; "" maps none).
    /// It needs what the API needs unless <see cref="AnonymousMetrics"/>; a caller without credentials gets 401, never
    /// the sign-in page.
    /// </summary>
    [RegularExpression("^(/[A-Za-z0-9._~-]+)*$", ErrorMessage = "AutoDialer:Observability:MetricsPath must be empty or a path such as /metrics")]
    public string MetricsPath { get; set; } = DefaultMetricsPath;

    /// <summary>
    /// Whether the scrape endpoint answers without credentials (default false: it needs what the rest of the API needs,
    /// <c>AutoDialer.Access</c>, e.g. an API key in <c>X-Api-Key</c>; a scraper on this machine needs none in local-only mode).
    /// </summary>
    public bool AnonymousMetrics { get; set; }

    /// <summary>
    /// How often each node writes its readiness for the dashboards' header (default 10 s, 1 s to 5 min); a node whose
    /// report is three intervals old shows as not reporting.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "AutoDialer:Observability:ReadinessReportInterval must be between 00:00:01 and 00:05:00")]
    public TimeSpan ReadinessReportInterval { get; set; } = TimeSpan.FromSeconds(10);
}
