using AutoDialer.Simulation.Calls;

namespace AutoDialer.Simulation.InProcess;

/// <summary>
/// Faults the simulator injects, each drawn independently from the seed. Rates are probabilities in [0, 1].
/// </summary>
internal sealed record SimulatorFaults
{
    public static SimulatorFaults None { get; } = new();

    /// <summary>Share of make-calls the vendor refuses (<see cref="SimulatorCodes.Fault"/>, "外呼失败"); nothing is dialled.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Delay before each session or account request is answered. The request takes effect at once;
    /// only the answer waits.</summary>
    public DurationDistribution Latency { get; init; } = DurationDistribution.Zero;

    /// <summary>An answer that would take this long or longer comes back as <c>AD-TIMEOUT</c> after this long
    /// instead, although the request took effect: the case where a make-call's fate is unknown.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Share of events never delivered.</summary>
    public double DropRate { get; init; }

    /// <summary>Share of events delivered twice (the same event, same id).</summary>
    public double DuplicateRate { get; init; }

    /// <summary>Share of events held back until the agent's next event has been delivered (or
    /// <see cref="ReorderHold"/> passes), so they arrive after an event that happened later.</summary>
    public double ReorderRate { get; init; }

    public TimeSpan ReorderHold { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of events delivered <see cref="LateEventDelay"/> after they happened, keeping their timestamp.</summary>
    public double LateEventRate { get; init; }

    public TimeSpan LateEventDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Share of placed calls during which the agent's session disconnects: until it reconnects
    /// (<see cref="ReconnectDelay"/>), its events are lost and its requests fail with <c>AD-NO-SESSION</c>;
    /// the call itself goes on.</summary>
    public double SessionDisconnectRate { get; init; }

    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);

    internal void Validate()
    {
        double[] rates = [ErrorRate, DropRate, DuplicateRate, ReorderRate, LateEventRate, SessionDisconnectRate];
        if (rates.Any(r => r is < 0 or > 1 || double.IsNaN(r)))
        {
            throw new ArgumentException("Fault rates must be in [0, 1].");
        }

        if (ResponseTimeout <= TimeSpan.Zero || ReorderHold < TimeSpan.Zero || LateEventDelay < TimeSpan.Zero || ReconnectDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("ResponseTimeout must be positive and the other fault delays not negative.");
        }
    }
}
