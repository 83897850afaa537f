using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telemetry;
using AutoDialer.Core.Telephony;

namespace AutoDialer.Core;

/// <summary>
/// AutoDialer's telemetry, the one home of its instruments: one <see cref="Meter"/> named <see cref="Name"/>, created
/// through the host's <see cref="IMeterFactory"/> (so each host's instruments are its own, and an OpenTelemetry or
/// <c>dotnet-counters</c> listener finds them by that name), and the <see cref="ActivitySource"/> of the same name. The
/// instruments are defined in <see cref="AutoDialerInstruments"/> and created here once; their tags are of bounded
/// cardinality (<see cref="AutoDialerTags"/>). A measurement on the dispatch or event path costs a tag list on the
/// stack and no LINQ; a gauge is read only when a listener collects it.
/// </summary>
internal sealed class AutoDialerTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "AutoDialer";

    /// <summary>The histogram of idle → make-call latencies (<see cref="RecordIdleToMakeCall"/>).</summary>
    public const string IdleToMakeCallName = "autodialer.dispatch.idle_to_make_call";

    /// <summary>The counter of dispatch decisions (<see cref="CountDecisions"/>).</summary>
    public const string DispatchDecisionsName = "autodialer.dispatch.decisions";

    /// <summary>The tag naming the provider account (a Udesk app, a Meiqia enterprise) a measurement belongs to.</summary>
    public const string AccountTag = AutoDialerTags.Account;

    /// <summary>
    /// The spans of one call: dispatch (lease, recheck, make-call), the bridge command, events, settlement; each span
    /// about one attempt carries <see cref="AutoDialerTags.Attempt"/>. Process-wide, as activity sources are: a span
    /// costs nothing while nobody listens.
    /// </summary>
    public static readonly ActivitySource Tracing = new(Name);

    private static readonly InstrumentAdvice<double> LatencyBuckets =
        new() { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] };

    private static readonly InstrumentAdvice<double> LagBuckets =
        new() { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] };

    private readonly Histogram<double> _idleToMakeCall;
    private readonly Counter<long> _dispatchDecisions;
    private readonly Counter<long> _gateRefusals;
    private readonly Counter<long> _makeCalls;
    private readonly Counter<long> _callsSettled;
    private readonly Counter<long> _eventsQuarantined;
    private readonly Histogram<double> _eventLag;
    private readonly Counter<long> _staleSettled;
    private readonly Counter<long> _importRows;
    private readonly Counter<long> _jobFailures;
    private readonly ConcurrentDictionary<(long Campaign, string Number), double> _answerRates = new();

    public AutoDialerTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(Name);
        _idleToMakeCall = Histogram(AutoDialerInstruments.IdleToMakeCall, LatencyBuckets);
        _dispatchDecisions = Counter(AutoDialerInstruments.DispatchDecisions);
        _gateRefusals = Counter(AutoDialerInstruments.GateRefusals);
        _makeCalls = Counter(AutoDialerInstruments.MakeCalls);
        _callsSettled = Counter(AutoDialerInstruments.CallsSettled);
        _eventsQuarantined = Counter(AutoDialerInstruments.EventsQuarantined);
        _eventLag = Histogram(AutoDialerInstruments.EventLag, LagBuckets);
        _staleSettled = Counter(AutoDialerInstruments.StaleSettled);
        _importRows = Counter(AutoDialerInstruments.ImportRows);
        _jobFailures = Counter(AutoDialerInstruments.JobFailures);
        var answerRate = AutoDialerInstruments.CallerNumberAnswerRate;
        Meter.CreateObservableGauge(answerRate.Name, ObserveAnswerRates, answerRate.Unit, answerRate.Description);
    }

    /// <summary>The meter every AutoDialer instrument belongs to; disposed with the factory (the host's container).</summary>
    public Meter Meter { get; }

    /// <summary>One make-call answered, <paramref name="idleToMakeCall"/> after its agent was seen idle.</summary>
    public void RecordIdleToMakeCall(string account, TimeSpan idleToMakeCall) =>
        _idleToMakeCall.Record(idleToMakeCall.TotalSeconds, new KeyValuePair<string, object?>(AccountTag, account));

    /// <summary>Dispatch looked for work for <paramref name="agents"/> idle agents of <paramref name="account"/>.</summary>
    public void CountDecisions(string account, int agents) =>
        _dispatchDecisions.Add(agents, new KeyValuePair<string, object?>(AccountTag, account));

    /// <summary>The refusals among a lease's contact moves (every move is one).</summary>
    public void CountGateRefusals(string account, IReadOnlyList<ContactMove> moves)
    {
        for (var i = 0; i < moves.Count; i++)
            CountGateRefusal(account, moves[i].Reason);
    }

    /// <summary>The dial gate refused one contact.</summary>
    public void CountGateRefusal(string account, DialRefusal reason) =>
        _gateRefusals.Add(1, new KeyValuePair<string, object?>(AutoDialerTags.Account, account),
            new KeyValuePair<string, object?>(AutoDialerTags.Reason, reason.ToName()));

    /// <summary>A make-call answered (or failed without an answer): accepted, or its failure's kind.</summary>
    public void CountMakeCall(string account, VendorResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _makeCalls.Add(1, new KeyValuePair<string, object?>(AutoDialerTags.Account, account),
            new KeyValuePair<string, object?>(AutoDialerTags.Result, result.IsSuccess ? "accepted" : FailureName(MakeCallFailures.Classify(result))));
    }

    /// <summary>One attempt of <paramref name="campaignId"/> settled with <paramref name="outcome"/>.</summary>
    public void CountSettled(long campaignId, CallOutcome outcome) =>
        _callsSettled.Add(1, new KeyValuePair<string, object?>(AutoDialerTags.Campaign, campaignId),
            new KeyValuePair<string, object?>(AutoDialerTags.Outcome, outcome.ToName()));

    /// <summary>A caller number's answered share of its recent calls, as its record reads after a settlement.</summary>
    public void RecordAnswerRate(long campaignId, string numberId, IReadOnlyList<bool> recentAnswered)
    {
        ArgumentNullException.ThrowIfNull(recentAnswered);
        if (recentAnswered.Count == 0) return;
        var answered = 0;
        for (var i = 0; i < recentAnswered.Count; i++)
            if (recentAnswered[i]) answered++;
        _answerRates[(campaignId, numberId)] = (double)answered / recentAnswered.Count;
    }

    /// <summary>A batch of an account's events stored at <paramref name="storedAt"/>: each one's lag behind its vendor timestamp.</summary>
    public void RecordEventsStored(string account, IReadOnlyList<CallCenterEvent> events, DateTimeOffset storedAt)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!_eventLag.Enabled) return;
        var tag = new KeyValuePair<string, object?>(AutoDialerTags.Account, account);
        for (var i = 0; i < events.Count; i++)
            _eventLag.Record(Math.Max(0, (storedAt - events[i].Timestamp).TotalSeconds), tag);
    }

    /// <summary>An event of <paramref name="account"/> put in the quarantine.</summary>
    public void CountQuarantined(string account) =>
        _eventsQuarantined.Add(1, new KeyValuePair<string, object?>(AutoDialerTags.Account, account));

    /// <summary>The stale sweeper settled an attempt with <paramref name="outcome"/>.</summary>
    public void CountStaleSettled(CallOutcome outcome) =>
        _staleSettled.Add(1, new KeyValuePair<string, object?>(AutoDialerTags.Outcome, outcome.ToName()));

    /// <summary>Rows of an imported list, by what became of them (<c>accepted</c>, <c>rejected</c>, <c>duplicate</c>, <c>suppressed</c>).</summary>
    public void CountImportRows(string result, long rows) =>
        _importRows.Add(rows, new KeyValuePair<string, object?>(AutoDialerTags.Result, result));

    /// <summary>A run of the job <paramref name="job"/> (<c>Type.Method</c>) failed.</summary>
    public void CountJobFailure(string job) =>
        _jobFailures.Add(1, new KeyValuePair<string, object?>(AutoDialerTags.Job, job));

    /// <summary>
    /// A gauge (or, for a <see cref="InstrumentKind.Counter"/>, a total kept elsewhere) read from <paramref name="observe"/>
    /// when a listener collects: for state other parts of the product hold (agents, sessions, queues, circuits).
    /// </summary>
    public void Observe(InstrumentDefinition definition, Func<IEnumerable<Measurement<long>>> observe)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Kind == InstrumentKind.Counter)
            Meter.CreateObservableCounter(definition.Name, observe, definition.Unit, definition.Description);
        else
            Meter.CreateObservableGauge(definition.Name, observe, definition.Unit, definition.Description);
    }

    /// <summary>A span of a batch of leases, tagged with their attempts; null while nobody listens.</summary>
    public static Activity? StartAttemptsSpan(string name, IReadOnlyList<DialLease> leases)
    {
        var span = Tracing.StartActivity(name);
        TagAttempts(span, leases);
        return span;
    }

    /// <summary>Tags <paramref name="span"/> (when someone listens) with the attempts of <paramref name="leases"/>.</summary>
    public static void TagAttempts(Activity? span, IReadOnlyList<DialLease> leases)
    {
        ArgumentNullException.ThrowIfNull(leases);
        if (span is null) return;
        var ids = new long[leases.Count];
        for (var i = 0; i < ids.Length; i++) ids[i] = leases[i].AttemptId;
        span.SetTag(AutoDialerTags.Attempts, ids);
    }

    /// <summary>Tags <paramref name="span"/> (when someone listens) with <paramref name="attemptIds"/>.</summary>
    public static void TagAttempts(Activity? span, IEnumerable<long> attemptIds)
    {
        if (span is null) return;
        span.SetTag(AutoDialerTags.Attempts, attemptIds.ToArray());
    }

    private IEnumerable<Measurement<double>> ObserveAnswerRates()
    {
        foreach (var ((campaign, number), rate) in _answerRates)
            yield return new Measurement<double>(rate, new KeyValuePair<string, object?>(AutoDialerTags.Campaign, campaign),
                new KeyValuePair<string, object?>(AutoDialerTags.CallerNumber, number));
    }

    private static string FailureName(MakeCallFailureKind kind) => kind switch
    {
        MakeCallFailureKind.MayHaveRung => "may_have_rung",
        MakeCallFailureKind.AgentRefused => "agent_refused",
        MakeCallFailureKind.RequestRefused => "request_refused",
        MakeCallFailureKind.NotAsked => "not_asked",
        MakeCallFailureKind.InvalidNumber => "invalid_number",
        _ => "provider_failure",
    };

    private Counter<long> Counter(InstrumentDefinition definition) =>
        Meter.CreateCounter<long>(definition.Name, definition.Unit, definition.Description);

    private Histogram<double> Histogram(InstrumentDefinition definition, InstrumentAdvice<double> buckets) =>
        Meter.CreateHistogram(definition.Name, definition.Unit, definition.Description, tags: null, advice: buckets);
}
