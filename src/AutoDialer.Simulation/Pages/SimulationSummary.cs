namespace AutoDialer.Simulation.Pages;

/// <summary>What a run did, for the end-of-run line (<c>--json</c>: snake_case).</summary>
internal sealed record SimulationSummary(
    int Agents,
    double Seconds,
    long MakeCalls,
    long Calls,
    long Ended,
    long Events,
    long EventsSent,
    long Acked,
    long Refused,
    long Unacked,
    long OutboxDropped,
    long Connects,
    long Reconnects,
    long ConnectFailures,
    long Commands,
    long Expired,
    long RejectedByServer,
    long Duplicated,
    long Reordered,
    long Late,
    long Poisoned,
    long SocketsDropped,
    long DuplicateDials,
    int Connected);
