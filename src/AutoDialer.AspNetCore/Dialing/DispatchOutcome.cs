namespace AutoDialer.AspNetCore.Dialing;

/// <summary>What one dispatch did.</summary>
public enum DispatchOutcome
{
    Dialled,
    AlreadyDispatching,
    NoSession,
    CircuitOpen,
    NothingDue,
    Unknown,
    Failed,

    /// <summary>The dial gate's second check refused the lease just before make-call; the contact got its attempt back.</summary>
    Refused,
}
