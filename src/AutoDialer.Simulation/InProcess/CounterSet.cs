namespace AutoDialer.Simulation.InProcess;

/// <summary>The simulator's running counts; changed only under its lock, read through <see cref="Snapshot"/>.</summary>
internal sealed class CounterSet
{
    public int MakeCallRequests;
    public int CallsPlaced;
    public int MakeCallErrors;
    public int Timeouts;
    public int EventsEmitted;
    public int EventsWritten;
    public int EventsDropped;
    public int EventsDuplicated;
    public int EventsReordered;
    public int EventsDelayed;
    public int EventsLostDisconnected;
    public int SessionDisconnects;

    public SimulatorCounters Snapshot() => new(
        MakeCallRequests, CallsPlaced, MakeCallErrors, Timeouts, EventsEmitted, EventsWritten, EventsDropped,
        EventsDuplicated, EventsReordered, EventsDelayed, EventsLostDisconnected, SessionDisconnects);
}
