namespace AutoDialer.Simulation.Calls;

/// <summary>A distribution of durations to draw ring, talk, wrap-up and latency times from.</summary>
internal abstract record DurationDistribution
{
    public static DurationDistribution Zero { get; } = Fixed(TimeSpan.Zero);

    public abstract TimeSpan Sample(Random random);

    public static DurationDistribution Fixed(TimeSpan value) => new FixedDuration(NonNegative(value));

    public static DurationDistribution Uniform(TimeSpan min, TimeSpan max)
    {
        if (max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "max must not be below min.");
        }

        return new UniformDuration(NonNegative(min), max);
    }

    /// <summary>
    /// Log-normal around <paramref name="median"/>: most values near it, a long tail of long ones, as call
    /// durations are; <paramref name="sigma"/> is the standard deviation of the logarithm, and values are
    /// capped at <paramref name="max"/> so one draw cannot stall a simulation.
    /// </summary>
    public static DurationDistribution LogNormal(TimeSpan median, double sigma, TimeSpan max)
    {
        if (median <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(median), median, "median must be positive.");
        }

        if (sigma < 0 || double.IsNaN(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must not be negative.");
        }

        return new LogNormalDuration(median, sigma, NonNegative(max));
    }

    private static TimeSpan NonNegative(TimeSpan value) =>
        value < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(value), value, "Durations must not be negative.") : value;

    private sealed record FixedDuration(TimeSpan Value) : DurationDistribution
    {
        public override TimeSpan Sample(Random random) => Value;
    }

    private sealed record UniformDuration(TimeSpan Min, TimeSpan Max) : DurationDistribution
    {
        public override TimeSpan Sample(Random random) => Min + (Max - Min) * random.NextDouble();
    }

    private sealed record LogNormalDuration(TimeSpan Median, double Sigma, TimeSpan Max) : DurationDistribution
    {
        public override TimeSpan Sample(Random random)
        {
            // Box–Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            var seconds = Median.TotalSeconds * Math.Exp(Sigma * normal);
            return seconds >= Max.TotalSeconds ? Max : TimeSpan.FromSeconds(seconds);
        }
    }
}
