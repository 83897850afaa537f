using System.Diagnostics.Metrics;

namespace AutoDialer.Core;

/// <summary>
/// AutoDialer's telemetry, the one home of its instruments: one <see cref="Meter"/> named <see cref="Name"/>, created
/// through the host's <see cref="IMeterFactory"/> (so each host's instruments are its own, and an OpenTelemetry or
/// <c>dotnet-counters</c> listener finds them by that name). Instruments follow OpenTelemetry's conventions: dotted
/// lower-case names under <c>autodialer.</c>, durations in seconds, tags of bounded cardinality (a provider account, never
/// an agent or a phone number). Every new instrument is declared here, and the <c>ActivitySource</c> of the same name
/// will be too.
/// </summary>
internal sealed class AutoDialerTelemetry
{
    /// <summary>The name of the meter (and, later, of the activity source).</summary>
    public const string Name = "AutoDialer";

    /// <summary>The histogram of idle → make-call latencies (<see cref="RecordIdleToMakeCall"/>).</summary>
    public const string IdleToMakeCallName = "autodialer.dispatch.idle_to_make_call";

    /// <summary>The counter of dispatch decisions (<see cref="CountDecisions"/>).</summary>
    public const string DispatchDecisionsName = "autodialer.dispatch.decisions";

    /// <summary>The tag naming the provider account (a Udesk app, a Meiqia enterprise) a measurement belongs to.</summary>
    public const string AccountTag = "autodialer.account";

    private readonly Histogram<double> _idleToMakeCall;
    private readonly Counter<long> _dispatchDecisions;

    public AutoDialerTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(Name);
        _idleToMakeCall = Meter.CreateHistogram(IdleToMakeCallName, "s",
            "From an agent seen idle to the provider's answer to the make-call dispatch placed for it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _dispatchDecisions = Meter.CreateCounter<long>(DispatchDecisionsName, "{decision}",
            "Idle agents dispatch looked for work for (a lease was tried), whether or not a call followed.");
    }

    /// <summary>The meter every AutoDialer instrument belongs to; disposed with the factory (the host's container).</summary>
    public Meter Meter { get; }

    /// <summary>One make-call answered, <paramref name="idleToMakeCall"/> after its agent was seen idle.</summary>
    public void RecordIdleToMakeCall(string account, TimeSpan idleToMakeCall) =>
        _idleToMakeCall.Record(idleToMakeCall.TotalSeconds, new KeyValuePair<string, object?>(AccountTag, account));

    /// <summary>Dispatch looked for work for <paramref name="agents"/> idle agents of <paramref name="account"/>.</summary>
    public void CountDecisions(string account, int agents) =>
        _dispatchDecisions.Add(agents, new KeyValuePair<string, object?>(AccountTag, account));
}
