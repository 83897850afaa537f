namespace AutoDialer.Simulation.Calls;

/// <summary>How a simulated customer's line responds to a call.</summary>
internal enum CustomerResponse
{
    /// <summary>Rings, then the customer answers (unless the ring time reaches the ring timeout).</summary>
    Answer,
    /// <summary>Rings until the ring timeout.</summary>
    NoAnswer,
    /// <summary>Busy right after the call is placed.</summary>
    Busy,
    /// <summary>Rings, then the customer declines.</summary>
    Reject,
    /// <summary>The network fails the call right after it is placed.</summary>
    Fail,
    /// <summary>Not a diallable number: the make-call itself is refused.</summary>
    Invalid,
}
