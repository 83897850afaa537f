namespace AutoDialer.Simulation.Calls;

/// <summary>
/// How simulated customers respond when no per-number rule decides: probabilities of each response (the
/// rest do not answer) and the times involved.
/// </summary>
internal sealed record CustomerBehaviour
{
    public double AnswerProbability { get; init; } = 0.55;

    public double BusyProbability { get; init; } = 0.10;

    public double RejectProbability { get; init; } = 0.05;

    /// <summary>Calls failed by the network after being placed.</summary>
    public double FailureProbability { get; init; } = 0.02;

    /// <summary>From the call being placed (Originated) to the customer's phone ringing (Delivered).</summary>
    public DurationDistribution PostDialDelay { get; init; } =
        DurationDistribution.Uniform(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2));

    /// <summary>How long the phone rings before the customer answers or declines.</summary>
    public DurationDistribution RingTime { get; init; } =
        DurationDistribution.Uniform(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(25));

    /// <summary>Ringing is given up after this long (no answer); a drawn ring time this long or longer means no answer too.</summary>
    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(45);

    public DurationDistribution TalkTime { get; init; } =
        DurationDistribution.LogNormal(TimeSpan.FromSeconds(60), 0.8, TimeSpan.FromMinutes(30));

    /// <summary>From the call being placed to its release when the line is busy or the network fails it.</summary>
    public DurationDistribution EarlyReleaseDelay { get; init; } =
        DurationDistribution.Uniform(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));

    /// <summary>Maps a uniform draw in [0, 1) to a response by the probabilities, in a fixed order.</summary>
    public CustomerResponse Pick(double roll)
    {
        if ((roll -= AnswerProbability) < 0) return CustomerResponse.Answer;
        if ((roll -= BusyProbability) < 0) return CustomerResponse.Busy;
        if ((roll -= RejectProbability) < 0) return CustomerResponse.Reject;
        if ((roll -= FailureProbability) < 0) return CustomerResponse.Fail;
        return CustomerResponse.NoAnswer;
    }

    internal void Validate()
    {
        double[] probabilities = [AnswerProbability, BusyProbability, RejectProbability, FailureProbability];
        if (probabilities.Any(p => p is < 0 or > 1 || double.IsNaN(p)) || probabilities.Sum() > 1 + 1e-9)
        {
            throw new ArgumentException("Customer probabilities must each be in [0, 1] and add up to at most 1.");
        }

        if (RingTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("RingTimeout must be positive.");
        }
    }
}
