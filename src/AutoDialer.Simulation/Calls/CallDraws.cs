namespace AutoDialer.Simulation.Calls;

/// <summary>
/// Everything chance decides about one make-call, drawn up front in a fixed order from a source keyed by
/// the business id and how often it was requested: the same request in the same run always gets the same
/// draws, whatever else happens around it.
/// </summary>
internal sealed record CallDraws(
    double ErrorRoll,
    TimeSpan Latency,
    double ResponseRoll,
    TimeSpan PostDialDelay,
    TimeSpan RingTime,
    TimeSpan TalkTime,
    TimeSpan EarlyRelease,
    TimeSpan WrapUp,
    double DisconnectRoll,
    double DisconnectPoint,
    int PoolPick,
    string CallId)
{
    /// <param name="latency">How long the answer takes (the in-process simulator's fault; zero for a page's phone).</param>
    public static CallDraws Draw(CustomerBehaviour customers, DurationDistribution wrapUpTime, DurationDistribution latency, Random random)
    {
        var errorRoll = random.NextDouble();
        var answerLatency = latency.Sample(random);
        var responseRoll = random.NextDouble();
        var postDial = customers.PostDialDelay.Sample(random);
        var ring = customers.RingTime.Sample(random);
        var talk = customers.TalkTime.Sample(random);
        var early = customers.EarlyReleaseDelay.Sample(random);
        var wrapUp = wrapUpTime.Sample(random);
        var disconnectRoll = random.NextDouble();
        var disconnectPoint = random.NextDouble();
        var poolPick = random.Next();
        Span<byte> id = stackalloc byte[16];
        random.NextBytes(id);
        // Udesk call ids look like GUIDs ("ea648a5d-56f6-432b-44e1-0941febbb870").
        return new CallDraws(errorRoll, answerLatency, responseRoll, postDial, ring, talk, early, wrapUp,
            disconnectRoll, disconnectPoint, poolPick, new Guid(id).ToString("D"));
    }
}
