using AutoDialer.Core.StoredWords;

namespace AutoDialer.Simulation.Calls;

/// <summary>
/// How simulated agents work their side of a call: which calls they record a disposition for and with which effect,
/// how long they type, when a callback is asked for, what they do with a preview offer, and how often a page tries (on
/// purpose) to dispose of a call that is not its agent's. Decided per call from the seed and the business id
/// (<see cref="Plan"/>), so both simulators, and a run repeated, do the same.
/// </summary>
internal sealed record AgentHabits
{
    /// <summary>No agent side at all: no dispositions, every offer dialled at once.</summary>
    public static AgentHabits None { get; } = new() { DisposeAnswered = 0, DisposeUnanswered = 0, ForeignTries = 0, PreviewSkips = 0, PreviewIgnores = 0 };

    /// <summary>Share of answered calls the agent records a disposition for. The default value is 0.95.</summary>
    public double DisposeAnswered { get; init; } = 0.95;

    /// <summary>Share of calls nobody answered that get one (a wrong number noticed, a retry asked for). The default value is 0.05.</summary>
    public double DisposeUnanswered { get; init; } = 0.05;

    /// <summary>Weights of the effects an answered call's disposition has (the code is the campaign's first of that effect).</summary>
    public IReadOnlyList<(DispositionEffect Effect, double Weight)> AnsweredEffects { get; init; } =
    [
        (DispositionEffect.FinalSuccess, 0.35),
        (DispositionEffect.FinalFailure, 0.25),
        (DispositionEffect.Callback, 0.2),
        (DispositionEffect.RetryAfter, 0.1),
        (DispositionEffect.DoNotCall, 0.05),
        (DispositionEffect.WrongNumber, 0.05),
    ];

    /// <summary>Weights of the effects an unanswered call's disposition has.</summary>
    public IReadOnlyList<(DispositionEffect Effect, double Weight)> UnansweredEffects { get; init; } =
    [
        (DispositionEffect.WrongNumber, 0.5),
        (DispositionEffect.RetryAfter, 0.5),
    ];

    /// <summary>From the hang-up to the disposition sent. The default value is 2–20 s.</summary>
    public DurationDistribution TypingTime { get; init; } = DurationDistribution.Uniform(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20));

    /// <summary>How far ahead of the disposition a callback is asked for. The default value is 10 minutes to 2 hours.</summary>
    public DurationDistribution CallbackAfter { get; init; } = DurationDistribution.Uniform(TimeSpan.FromMinutes(10), TimeSpan.FromHours(2));

    /// <summary>Share of dispositions after which the page also tries one for a call that is not its agent's (it must be refused). The default value is 0.02.</summary>
    public double ForeignTries { get; init; } = 0.02;

    /// <summary>Share of preview offers the agent skips; <see cref="PreviewIgnores"/> are left to the countdown; the rest are dialled.</summary>
    public double PreviewSkips { get; init; } = 0.2;

    public double PreviewIgnores { get; init; } = 0.1;

    /// <summary>From an offer shown to the agent's decision. The default value is 1–8 s.</summary>
    public DurationDistribution PreviewThinkTime { get; init; } = DurationDistribution.Uniform(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));

    /// <summary>What the agent of the call <paramref name="businessId"/> records after it: null for nothing.</summary>
    /// <param name="answered">The customer answered.</param>
    public DispositionPlan? Plan(int seed, string businessId, bool answered)
    {
        var random = StableRandom.Create(seed, "disposition", businessId);
        var share = answered ? DisposeAnswered : DisposeUnanswered;
        var disposes = random.NextDouble() < share;
        var effect = Pick(answered ? AnsweredEffects : UnansweredEffects, random.NextDouble());
        var typing = TypingTime.Sample(random);
        var callbackAfter = CallbackAfter.Sample(random);
        var foreign = random.NextDouble() < ForeignTries;
        var foreignPick = random.Next(1, 1000);
        if (!disposes || effect is not { } chosen) return null;
        return new DispositionPlan(chosen, typing, chosen == DispositionEffect.Callback ? callbackAfter : null, foreign ? foreignPick : null,
            $"sim {businessId}");
    }

    /// <summary>What the agent does with the offer of <paramref name="businessId"/>, and after how long.</summary>
    public (PreviewChoice Choice, TimeSpan After) Preview(int seed, string businessId)
    {
        var random = StableRandom.Create(seed, "preview", businessId);
        var roll = random.NextDouble();
        var think = PreviewThinkTime.Sample(random);
        var choice = roll < PreviewSkips ? PreviewChoice.Skip : roll < PreviewSkips + PreviewIgnores ? PreviewChoice.Ignore : PreviewChoice.Dial;
        return (choice, think);
    }

    private static DispositionEffect? Pick(IReadOnlyList<(DispositionEffect Effect, double Weight)> weights, double roll)
    {
        var total = weights.Sum(w => w.Weight);
        if (total <= 0) return null;
        roll *= total;
        foreach (var (effect, weight) in weights)
        {
            if ((roll -= weight) < 0) return effect;
        }

        return weights[^1].Effect;
    }

    internal void Validate()
    {
        double[] shares = [DisposeAnswered, DisposeUnanswered, ForeignTries, PreviewSkips, PreviewIgnores];
        if (shares.Any(p => p is < 0 or > 1 || double.IsNaN(p)) || PreviewSkips + PreviewIgnores > 1 + 1e-9)
            throw new ArgumentException("Agent habits' shares must each be in [0, 1], and preview skips and ignores add up to at most 1.");
        if (AnsweredEffects.Concat(UnansweredEffects).Any(w => w.Weight < 0 || double.IsNaN(w.Weight)))
            throw new ArgumentException("Disposition effect weights must not be negative.");
    }
}
