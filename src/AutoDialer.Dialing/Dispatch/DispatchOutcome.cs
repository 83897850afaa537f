namespace AutoDialer.Dialing.Dispatch;

/// <summary>What one dispatch did.</summary>
internal enum DispatchOutcome
{
    Dialled,
    AlreadyDispatching,
    NoSession,

    /// <summary>The agent's vendor says it cannot take a call now (<c>IAgentSession.Availability</c>): nothing was leased.</summary>
    AgentUnavailable,
    CircuitOpen,
    NothingDue,
    Unknown,
    Failed,

    /// <summary>The dial gate's second check refused the lease just before make-call; the contact got its attempt back.</summary>
    Refused,

    /// <summary>Preview: the contact is offered to the agent; it is dialled (or given back) when the agent decides.</summary>
    Offered,

    /// <summary>The lease's attempt was settled while it waited for its make-call (the stale sweeper): nothing was dialled.</summary>
    SettledMeanwhile,

    /// <summary>Something failed after the lease and before make-call (a database blip, a timeout, the node stopping):
    /// the attempt was given back as not dialled, the contact due again.</summary>
    GivenBack,
}
