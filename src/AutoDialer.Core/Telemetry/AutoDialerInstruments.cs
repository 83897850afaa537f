using static AutoDialer.Core.Telemetry.AutoDialerTags;

namespace AutoDialer.Core.Telemetry;

/// <summary>
/// Every instrument of the <c>AutoDialer</c> meter, defined once: <see cref="AutoDialerTelemetry"/> creates them from
/// here, docs/observability.md lists them, and the shipped Grafana dashboard and alert rules may use no other name.
/// </summary>
internal static class AutoDialerInstruments
{
    public static readonly InstrumentDefinition DispatchDecisions = new("autodialer.dispatch.decisions", "{decision}", InstrumentKind.Counter, [Account],
        "Idle agents dispatch looked for work for (a lease was tried), whether or not a call followed.");

    public static readonly InstrumentDefinition IdleToMakeCall = new("autodialer.dispatch.idle_to_make_call", "s", InstrumentKind.Histogram, [Account],
        "From an agent seen idle to the provider's answer to the make-call dispatch placed for it.");

    public static readonly InstrumentDefinition GateRefusals = new("autodialer.dispatch.gate_refusals", "{contact}", InstrumentKind.Counter, [Account, Reason],
        "Contacts the dial gate refused, at the lease or at the recheck just before the make-call, by reason.");

    public static readonly InstrumentDefinition MakeCalls = new("autodialer.make_calls", "{call}", InstrumentKind.Counter, [Account, Result],
        "Make-call requests answered: accepted, or how they failed (may_have_rung, agent_refused, request_refused, provider_error, ...).");

    public static readonly InstrumentDefinition CallsSettled = new("autodialer.calls.settled", "{call}", InstrumentKind.Counter, [Campaign, Outcome],
        "Attempts settled (or revised) with an outcome, whoever reported it: events, a make-call failure, the stale sweeper.");

    public static readonly InstrumentDefinition CallerNumberAnswerRate = new("autodialer.caller_number.answer_rate", "1", InstrumentKind.Gauge, [Campaign, CallerNumber],
        "Answered share of a caller number's recent calls (its rotation's answer-rate window), as of its last settled call on this node.");

    public static readonly InstrumentDefinition Agents = new("autodialer.agents", "{agent}", InstrumentKind.Gauge, [Account, State, Node],
        "Agents by their last reported state, as this node knows them.");

    public static readonly InstrumentDefinition BridgeSessions = new("autodialer.bridge.sessions", "{session}", InstrumentKind.Gauge, [Account, Node],
        "Workbench pages connected to this node's agent bridge.");

    public static readonly InstrumentDefinition BridgeEvents = new("autodialer.bridge.events", "{event}", InstrumentKind.Counter, [Account, Result],
        "Events pages gave this node's bridge: received, acknowledged after their commit, refused (by reason), or session_ended before their ack.");

    public static readonly InstrumentDefinition BridgeReconnects = new("autodialer.bridge.reconnects", "{session}", InstrumentKind.Counter, [Account, Node],
        "Sessions replaced by a newer one of the same agent (a page that reconnected before its old socket closed).");

    public static readonly InstrumentDefinition BridgeQueueDepth = new("autodialer.bridge.queue_depth", "{event}", InstrumentKind.Gauge, [Account, Node],
        "Accepted events waiting for the database, per account (the queue holds pages back when full).");

    public static readonly InstrumentDefinition EventsQuarantined = new("autodialer.events.quarantined", "{event}", InstrumentKind.Counter, [Account],
        "Events PostgreSQL refused on their own, kept in the quarantine instead of stored.");

    public static readonly InstrumentDefinition EventLag = new("autodialer.events.lag", "s", InstrumentKind.Histogram, [Account],
        "From an event's vendor timestamp to its being stored by this node.");

    public static readonly InstrumentDefinition CircuitOpen = new("autodialer.provider.circuit_open", "1", InstrumentKind.Gauge, [Account],
        "1 while the provider account's circuit breaker is open (its dispatch is paused), else 0.");

    public static readonly InstrumentDefinition CircuitState = new("autodialer.provider.circuit_state", "1", InstrumentKind.Gauge, [Account, Circuit, State],
        "Each provider account's two circuit breakers (make_call, reads) as a state set: 1 for the state each is in (closed, open, half_open, isolated), 0 for the others.");

    public static readonly InstrumentDefinition StaleSettled = new("autodialer.stale_sweep.settled", "{attempt}", InstrumentKind.Counter, [Outcome],
        "Attempts the stale sweeper settled because their events never came, by the outcome it judged.");

    public static readonly InstrumentDefinition ImportRows = new("autodialer.import.rows", "{row}", InstrumentKind.Counter, [Result],
        "Rows of imported contact lists: accepted, rejected, duplicate, suppressed.");

    public static readonly InstrumentDefinition JobFailures = new("autodialer.jobs.failures", "{failure}", InstrumentKind.Counter, [Job],
        "Hangfire job runs of AutoDialer's jobs that failed (each retry that fails counts).");

    /// <summary>All of them, in the order the documentation lists them.</summary>
    public static IReadOnlyList<InstrumentDefinition> All { get; } =
    [
        DispatchDecisions, IdleToMakeCall, GateRefusals, MakeCalls, CallsSettled, CallerNumberAnswerRate, Agents, BridgeSessions, BridgeEvents,
        BridgeReconnects, BridgeQueueDepth, EventsQuarantined, EventLag, CircuitOpen, CircuitState, StaleSettled, ImportRows, JobFailures,
    ];
}
