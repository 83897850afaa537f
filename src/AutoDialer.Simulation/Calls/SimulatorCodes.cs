namespace AutoDialer.Simulation.Calls;

/// <summary>
/// Failure codes only the simulator produces. Udesk documents no error codes (see
/// <see cref="AutoDialer.Core.Telephony.Udesk.UdeskAssumptions"/>), so these are local, "AD-SIM-" prefixed.
/// The simulator also uses the port's local codes: AD-AGENT-NOT-IDLE, AD-INVALID-NUMBER, AD-NO-SESSION,
/// AD-TIMEOUT.
/// </summary>
internal static class SimulatorCodes
{
    /// <summary>An injected make-call failure (<see cref="InProcess.SimulatorFaults.ErrorRate"/>).</summary>
    public const string Fault = "AD-SIM-FAULT";

    /// <summary>The message the Udesk document gives as its example of a failed make-call.</summary>
    public const string FaultMessage = "外呼失败";

    /// <summary>Hang-up of a call the agent does not have.</summary>
    public const string NoSuchCall = "AD-SIM-NO-CALL";

    /// <summary>Agent state change refused while a call is live.</summary>
    public const string InCall = "AD-SIM-IN-CALL";

    /// <summary>A trunk number, pool or caller number that is not the agent's.</summary>
    public const string UnknownNumberSource = "AD-SIM-NO-SOURCE";

    /// <summary>An agent state that has no wire name.</summary>
    public const string InvalidState = "AD-SIM-BAD-STATE";
}
