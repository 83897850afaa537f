namespace AutoDialer.Simulation.Calls;

/// <summary>How a simulated phone answered a request: done (for a make-call, with the call it placed), refused with a
/// code, or refused before it was tried because its arguments were malformed.</summary>
internal sealed record PhoneAnswer(bool Ok, string? Code = null, string? Message = null, bool Visible = false, bool BadArguments = false)
{
    public static PhoneAnswer Done { get; } = new(true);

    /// <summary>The call a make-call placed; null for every other answer.</summary>
    public SimulatedCall? Call { get; init; }

    public static PhoneAnswer Placed(SimulatedCall call) => new(true) { Call = call };

    public static PhoneAnswer Refused(string code, string message, bool visible = false) => new(false, code, message, visible);

    public static PhoneAnswer Malformed(string message) => new(false, Message: message, BadArguments: true);
}
