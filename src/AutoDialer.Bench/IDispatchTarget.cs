namespace AutoDialer.Bench;

/// <summary>
/// What <c>bench dispatch</c> dials through: the engine and its agents, started together, with the idle → make-call
/// latencies, the dispatch decisions and the duplicate dials the bench reports.
/// </summary>
internal interface IDispatchTarget : IAsyncDisposable
{
    /// <summary>Where the latency is measured, for the report.</summary>
    string MeasuredAt { get; }

    /// <summary>Make-calls with a latency sample so far.</summary>
    int Count { get; }

    long Decisions { get; }

    double Percentile(double quantile);

    /// <summary>Starts the samples and decisions over; returns how many make-calls were sampled until now.</summary>
    int Reset();

    long DuplicateDials { get; }

    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync();
}
