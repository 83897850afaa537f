using System.ComponentModel.DataAnnotations;

namespace AutoDialer.Telephony.Resilience;

/// <summary>
/// How calls to a provider are retried and when its circuit opens: the one shape of these settings, under
/// <c>…:Resilience</c> of each section that has them (<c>AutoDialer:Dialing:Resilience</c> for the provider accounts'
/// reads and make-calls, <c>AutoDialer:Meiqia:Resilience</c> for Meiqia's Open API). Each owner sets its own defaults.
/// </summary>
internal sealed class ResilienceOptions
{
    /// <summary>Retries after the first attempt, of the calls that are safe to repeat (0 to 10; 0 = none).</summary>
    [Range(0, 10)]
    public int Retries { get; set; } = 3;

    /// <summary>The first retry's delay; each next one doubles, with jitter (0 to 1 min).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The circuit: opens when <see cref="CircuitBreakerOptions.FailureRatio"/> of the calls in the sampling window failed.</summary>
    public CircuitBreakerOptions Breaker { get; set; } = new();

    /// <summary>The annotations of this object and of <see cref="Breaker"/>, named under <paramref name="prefix"/>
    /// (<c>DataAnnotations</c> does not look into nested objects by itself).</summary>
    public IEnumerable<ValidationResult> Validate(string prefix)
    {
        return Named(this, prefix).Concat(Named(Breaker, $"{prefix}:{nameof(Breaker)}"));

        static IEnumerable<ValidationResult> Named(object options, string prefix)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
            return results.Select(r => new ValidationResult($"{prefix}: {r.ErrorMessage}", r.MemberNames.Select(m => $"{prefix}:{m}").ToList()));
        }
    }
}

/// <summary>Polly's circuit-breaker settings, within Polly's own bounds (so a bad value is refused at start, not at first use).</summary>
internal sealed class CircuitBreakerOptions
{
    /// <summary>Share of failed calls that opens the circuit (default 0.5; above 0, at most 1).</summary>
    [Range(0.001, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Fewest calls in the sampling window before the ratio counts (default 10; at least 2).</summary>
    [Range(2, int.MaxValue)]
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window the ratio is taken over (default 30 s; 0.5 s to 1 day).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit stays open (default 30 s; 0.5 s to 1 day).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
