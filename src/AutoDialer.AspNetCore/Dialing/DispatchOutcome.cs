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
}
