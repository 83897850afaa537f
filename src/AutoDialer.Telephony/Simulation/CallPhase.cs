namespace AutoDialer.Telephony.Simulation;

internal enum CallPhase
{
    Placed,
    Ringing,
    Talking,
    Ended,
}
