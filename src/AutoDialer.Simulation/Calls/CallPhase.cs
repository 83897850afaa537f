namespace AutoDialer.Simulation.Calls;

internal enum CallPhase
{
    Placed,
    Ringing,
    Talking,
    Ended,
}
