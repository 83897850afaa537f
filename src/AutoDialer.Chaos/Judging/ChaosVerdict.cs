namespace AutoDialer.Chaos.Judging;

/// <summary>
/// What the call center's record says about the dialer's promises. Every count but <see cref="Calls"/> is a
/// violation and must be 0.
/// </summary>
/// <param name="Calls">Calls the call center placed (make-calls it did not refuse).</param>
/// <param name="DuplicateDials">Extra make-calls for a business id the call center had already received.</param>
/// <param name="OverlappingCalls">Calls to one phone number, by any campaign, placed while an earlier call to it had not ended (a
/// customer rung while on a call with us).</param>
/// <param name="DncDialledAfterAdd">Calls to a number after the API confirmed it on the do-not-call list (plus the grace).</param>
/// <param name="BudgetExceeded">Calls beyond the contact's dial budget in force when they were placed.</param>
/// <param name="DialledWhilePaused">Calls placed while the campaign was paused (plus the grace).</param>
/// <param name="OutcomeMismatches">Settled attempts whose outcome is not the truth's: a different outcome, <c>unknown</c>
/// where the call center knows the end, or a call outcome for a call that never happened.</param>
/// <param name="EventsLost">Calls that ended at the call center whose hang-up never reached the dialer's store.</param>
/// <param name="Unsettled">Attempts still not settled when the run ended.</param>
/// <param name="UnknownCalls">Calls placed for a make-call with no attempt in the dialer's store (a refused make-call
/// may have none: the dialer gives such a contact its attempt back).</param>
internal sealed record ChaosVerdict(
    long Calls,
    long DuplicateDials,
    long OverlappingCalls,
    long DncDialledAfterAdd,
    long BudgetExceeded,
    long DialledWhilePaused,
    long OutcomeMismatches,
    long EventsLost,
    long Unsettled,
    long UnknownCalls)
{
    /// <summary>The first violations found, one sentence each, to start an investigation from.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>Make-calls (placed or refused) that reached an agent's phone while a call placed on it was live: at most
    /// one live call per agent.</summary>
    public long AgentsDoubleBooked { get; init; }

    /// <summary>Dials a contact's budget spent beyond the calls the call center placed for it.</summary>
    public long BudgetLeaked { get; init; }

    /// <summary>Operator API calls that failed or took longer than <see cref="OperatorCall.StallAfter"/>.</summary>
    public long OperatorStalls { get; init; }

    /// <summary>Make-calls that reached the call center after their attempt was settled.</summary>
    public long DialledAfterSettled { get; init; }

    /// <summary>Spans longer than <see cref="ClusterWatch.StallAfter"/> in which no node placed a call while contacts were
    /// due and agents idle.</summary>
    public long ClusterStalls { get; init; }

    /// <summary>Calls beyond a number's frequency caps, over every campaign.</summary>
    public long FrequencyCapsExceeded { get; init; }

    /// <summary>Dispositions the pages recorded (accepted or refused), to show the agent side ran.</summary>
    public long Dispositions { get; init; }

    /// <summary>Dispositions the dialer accepted from a page for a call that was not its agent's.</summary>
    public long ForeignDispositionsAccepted { get; init; }

    /// <summary>The callbacks placed, by the rules of <see cref="CallbackRules"/>.</summary>
    public CallbackVerdict Callbacks { get; init; } = CallbackVerdict.None;

    /// <summary>Calls that reached the call center outside their campaign's calling window (<see cref="CallingWindowRule"/>).</summary>
    public long DialledOutsideWindow { get; init; }

    /// <summary>Dials of a contact after a call of it was answered, answered being final (<see cref="AnsweredThenDialledRule"/>).</summary>
    public long DialledAfterAnswered { get; init; }

    public long Violations => Callbacks.Violations + DialledOutsideWindow + DialledAfterAnswered + DuplicateDials + OverlappingCalls + DncDialledAfterAdd + BudgetExceeded + DialledWhilePaused
        + OutcomeMismatches + EventsLost + Unsettled + UnknownCalls
        + AgentsDoubleBooked + BudgetLeaked + OperatorStalls + DialledAfterSettled + ClusterStalls + FrequencyCapsExceeded
        + ForeignDispositionsAccepted;
}
