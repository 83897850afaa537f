namespace AutoDialer.Core.Telemetry;

/// <summary>What a monitoring system sees of an instrument: a total that only grows, a distribution, or a current value.</summary>
internal enum InstrumentKind
{
    Counter,
    Histogram,
    Gauge,
}
