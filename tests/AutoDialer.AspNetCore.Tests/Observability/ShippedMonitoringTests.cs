using System.Text.Json;
using System.Text.RegularExpressions;
using AutoDialer.Core.Telemetry;
using AutoDialer.Testing;
using YamlDotNet.RepresentationModel;

namespace AutoDialer.AspNetCore.Tests.Observability;

/// <summary>
/// The Grafana dashboard and the Prometheus alert rules shipped in deploy/ name only metrics and labels the product emits
/// (<see cref="AutoDialerInstruments"/>, under their Prometheus names), so a renamed instrument cannot leave them blank.
/// </summary>
public sealed partial class ShippedMonitoringTests
{
    private static readonly Dictionary<string, InstrumentKind> Metrics = AutoDialerInstruments.All.ToDictionary(d => d.PrometheusName, d => d.Kind, StringComparer.Ordinal);

    private static readonly HashSet<string> Labels = AutoDialerInstruments.All.SelectMany(d => d.Tags).Select(t => t.Replace('.', '_')).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Every_panel_of_the_Grafana_dashboard_queries_metrics_the_product_emits()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("deploy", "grafana", "autodialer.json")));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
        Assert.True(panels.Count >= 8, $"only {panels.Count} panels");
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString()!;
            var queries = panel.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!).ToList();
            Assert.True(queries.Count > 0, $"panel '{title}' has no query");
            foreach (var query in queries)
                used.UnionWith(CheckedMetrics(query, $"panel '{title}'"));
        }
        foreach (var variable in dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray()
                     .Where(v => v.GetProperty("type").GetString() == "query"))
            CheckedMetrics(variable.GetProperty("query").GetString()!, "a variable");

        // What the issue asks the dashboard to show.
        foreach (var shown in new[]
                 {
                     "autodialer_make_calls_total", "autodialer_calls_settled_total", "autodialer_dispatch_idle_to_make_call_seconds",
                     "autodialer_agents", "autodialer_events_lag_seconds", "autodialer_bridge_queue_depth", "autodialer_provider_circuit_open",
                     "autodialer_dispatch_gate_refusals_total",
                 })
            Assert.Contains(shown, used);
    }

    [Fact]
    public void Every_alert_rule_names_metrics_the_product_emits_and_says_what_fired()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(RepositoryFiles.PathOf("deploy", "prometheus", "alerts.yml")))
            yaml.Load(reader);
        var rules = ((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["groups"]).Children
            .SelectMany(g => ((YamlSequenceNode)((YamlMappingNode)g)["rules"]).Children).Cast<YamlMappingNode>().ToList();
        var alerts = new List<string>();
        foreach (var rule in rules)
        {
            var name = ((YamlScalarNode)rule["alert"]).Value!;
            alerts.Add(name);
            CheckedMetrics(((YamlScalarNode)rule["expr"]).Value!, $"alert {name}");
            Assert.Matches(@"^\d+[smh]$", ((YamlScalarNode)rule["for"]).Value!);
            Assert.Contains(((YamlScalarNode)((YamlMappingNode)rule["labels"])["severity"]).Value, new[] { "warning", "critical" });
            Assert.False(string.IsNullOrWhiteSpace(((YamlScalarNode)((YamlMappingNode)rule["annotations"])["summary"]).Value), $"alert {name} has no summary");
        }
        Assert.Equal(["AutoDialerNotDialling", "AutoDialerEventLagHigh", "AutoDialerCircuitOpen", "AutoDialerCallerNumberAnswerRateLow"], alerts);
    }

    /// <summary>
    /// The <c>autodialer_*</c> names of a PromQL query: each a metric the product emits (a histogram also by its
    /// <c>_bucket</c>, <c>_sum</c>, <c>_count</c> series) or one of its labels; returns the metrics, at least one.
    /// </summary>
    private static HashSet<string> CheckedMetrics(string query, string where)
    {
        var metrics = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match name in Name().Matches(query))
        {
            var series = name.Value;
            if (Labels.Contains(series)) continue;
            var metric = HistogramSeries().Replace(series, "");
            Assert.True(Metrics.TryGetValue(metric, out var kind) && (metric == series || kind == InstrumentKind.Histogram),
                $"{where} uses {series}, which the product does not emit; it emits {string.Join(", ", Metrics.Keys.Order())}");
            metrics.Add(metric);
        }
        Assert.True(metrics.Count > 0, $"{where} names no AutoDialer metric: {query}");
        return metrics;
    }

    [GeneratedRegex(@"\bautodialer_[a-z0-9_]+")]
    private static partial Regex Name();

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSeries();
}
