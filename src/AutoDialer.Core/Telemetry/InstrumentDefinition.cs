namespace AutoDialer.Core.Telemetry;

/// <summary>
/// One of AutoDialer's instruments as an operator reads it: its name under <c>autodialer.</c>, its unit (UCUM: <c>s</c>,
/// <c>1</c>, or an annotation such as <c>{call}</c>), its kind and the tags it carries (every one of bounded cardinality).
/// </summary>
internal sealed record InstrumentDefinition(string Name, string Unit, InstrumentKind Kind, IReadOnlyList<string> Tags, string Description)
{
    /// <summary>
    /// The name a Prometheus scrape shows (OpenTelemetry's Prometheus exporter 1.20): dots become underscores, seconds
    /// are appended as <c>_seconds</c> (an annotation such as <c>{call}</c> and <c>1</c> add nothing), and a counter ends in <c>_total</c>.
    /// </summary>
    public string PrometheusName
    {
        get
        {
            var name = Name.Replace('.', '_');
            if (Unit == "s") name += "_seconds";
            return Kind == InstrumentKind.Counter ? name + "_total" : name;
        }
    }
}
