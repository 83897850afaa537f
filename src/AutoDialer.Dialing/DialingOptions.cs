namespace AutoDialer.Dialing;

/// <summary>Settings of the dialing engine, under <c>AutoDialer:Dialing</c>.</summary>
public sealed class DialingOptions
{
    public const string Section = "AutoDialer:Dialing";

    /// <summary>This node's name in attempts and logs.</summary>
    public string Node { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Dispatch workers on this node; each takes the idle agents waiting (up to <see cref="DispatchBatchSize"/>),
    /// leases for all of them in one short transaction per campaign, and places their calls at once.</summary>
    public int DispatchConcurrency { get; set; } = 4;

    /// <summary>Most idle agents one dispatch worker serves in one lease.</summary>
    public int DispatchBatchSize { get; set; } = 64;

    /// <summary>Events stored and applied per database round trip.</summary>
    public int EventBatchSize { get; set; } = 500;

    /// <summary>Make-call gets this long; then the attempt is left unknown (never retried blindly).</summary>
    public TimeSpan MakeCallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Idempotent vendor reads (agent lists, number sources, state) are retried this often with jittered backoff.</summary>
    public int ReadRetries { get; set; } = 3;
    public TimeSpan ReadRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The provider circuit: when this share of make-calls fails for provider reasons (errors, timeouts; not invalid
    /// numbers) within the sampling window, dispatch for that account pauses for the break duration.
    /// </summary>
    public double BreakerFailureRatio { get; set; } = 0.5;
    public int BreakerMinimumThroughput { get; set; } = 10;
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An attempt with no outcome this long after it was written is settled by the sweeper (after asking GetState).</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// An attempt nobody could ask about (no session anywhere, reads failing) is settled as unknown after this long,
    /// which also frees an agent whose hang-up was lost for good.
    /// </summary>
    public TimeSpan StaleMaxAge { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often the provider is asked for idle agents, so a missed event never strands an agent.</summary>
    public TimeSpan AgentSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often stale attempts are looked for (default every minute): a recurring job per node, so rounded down
    /// to whole seconds that divide a minute or whole minutes that divide an hour (<see cref="Jobs.IntervalCron"/>).</summary>
    public TimeSpan StaleSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Diagnostics ("why isn't it dialling?") older than this are recounted in the background when asked for.</summary>
    public TimeSpan DiagnosticsRefresh { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the list of running campaigns is reused before it is read again.</summary>
    public TimeSpan CampaignRefresh { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The frequency caps of campaigns that set none of their own (<c>AutoDialer:Dialing:FrequencyCaps</c>).</summary>
    public FrequencyCapOptions FrequencyCaps { get; set; } = new();

    /// <summary>Where the nightly batch writes its daily reports; default: the data directory's reports folder.</summary>
    public string? ReportsDirectory { get; set; }
}
