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

    /// <summary>
    /// Where the Prometheus scrape endpoint is mapped, under the plug-in's prefix, e.g. <c>/metrics</c> (default "": none).
    /// Off by default because, mapped, it was found answering a caller without credentials although the access policy is
    /// required on it (docs/observability.md): put it behind a proxy or firewall that only lets the scraper in.
    /// </summary>
    [RegularExpression("^(/[A-Za-z0-9._~-]+)*$", ErrorMessage = "AutoDialer:Observability:MetricsPath must be empty or a path such as /metrics")]
    public string MetricsPath { get; set; } = "";

    /// <summary>
    /// Whether the scrape endpoint answers without credentials (default false: it needs what the rest of the API needs,
    /// <c>AutoDialer.Access</c>, e.g. an API key in <c>X-Api-Key</c>; a scraper on this machine needs none in local-only mode).
    /// </summary>
    public bool AnonymousMetrics { get; set; }
}
