namespace AutoDialer.Simulation.InProcess;

/// <summary>What the simulator did, as a snapshot: the observable side of the fault knobs.</summary>
/// <param name="EventsEmitted">Events that happened, whether delivered or not.</param>
/// <param name="EventsWritten">Deliveries into the event stream, duplicates included.</param>
/// <param name="EventsLostDisconnected">Events that happened while their session was disconnected.</param>
internal sealed record SimulatorCounters(
    int MakeCallRequests,
    int CallsPlaced,
    int MakeCallErrors,
    int Timeouts,
    int EventsEmitted,
    int EventsWritten,
    int EventsDropped,
    int EventsDuplicated,
    int EventsReordered,
    int EventsDelayed,
    int EventsLostDisconnected,
    int SessionDisconnects);
