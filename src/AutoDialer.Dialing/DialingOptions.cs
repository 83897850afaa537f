using System.ComponentModel.DataAnnotations;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.Telephony.Resilience;

namespace AutoDialer.Dialing;

/// <summary>
/// Settings of the dialing engine, under <c>AutoDialer:Dialing</c>. Intervals and timeouts are on the container's clock:
/// an accelerated clock (demo, tests) scales them, hence the wide upper bounds.
/// </summary>
internal sealed class DialingOptions : IValidatableObject
{
    public const string Section = "AutoDialer:Dialing";

    /// <summary>This node's name in attempts and logs (default machine name and process id).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Node { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Dispatch workers on this node (default 4, 1 to 256); each takes the idle agents waiting (up to
    /// <see cref="DispatchBatchSize"/>), leases for all of them in one short transaction per campaign, and places their calls at once.</summary>
    [Range(1, 256)]
    public int DispatchConcurrency { get; set; } = 4;

    /// <summary>Most idle agents one dispatch worker serves in one lease (default 64, 1 to 10 000).</summary>
    [Range(1, 10_000)]
    public int DispatchBatchSize { get; set; } = 64;

    /// <summary>Events stored and applied per database round trip (default 500, 1 to 100 000).</summary>
    [Range(1, 100_000)]
    public int EventBatchSize { get; set; } = 500;

    /// <summary>Make-call's answer is awaited this long (default 10 s); then the attempt is left unknown (never retried blindly).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MakeCallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A call must have started this soon after the dial gate's last check (default 3 s): the node does not send a
    /// make-call later, the page does not run one later, and it hangs up a call the vendor placed later. So the dial
    /// fence, which operators' pauses, settings changes and do-not-call additions wait for, lasts at most this and
    /// <c>DialFence.IdleGrace</c>, even when the node holding it freezes; keep it short. At most
    /// <see cref="MakeCallTimeout"/> (the shorter applies: <see cref="StartLimit"/>); a vendor slower than this to place
    /// calls gets them hung up (<c>AD-PLACED-LATE</c>).
    /// </summary>
    /// <value>The default value is 3 seconds. The value must be between 10 ms and 1 day.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MakeCallStartLimit { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The start limit in force: <see cref="MakeCallStartLimit"/>, or <see cref="MakeCallTimeout"/> if that is
    /// shorter (a call that may still start has its answer awaited).</summary>
    public TimeSpan StartLimit => MakeCallStartLimit < MakeCallTimeout ? MakeCallStartLimit : MakeCallTimeout;

    /// <summary>
    /// For testing only (the chaos run's node with a wrong clock): shifts this node's own clock by this much, as a
    /// node whose clock runs ahead (or behind) would be. AutoDialer reads PostgreSQL's clock through it, so a correct
    /// node measures the shift away. Never set it in production.
    /// </summary>
    /// <value>The default value is 0. The value must be between -1 day and 1 day.</value>
    [Range(typeof(TimeSpan), "-1.00:00:00", "1.00:00:00")]
    public TimeSpan ClockOffset { get; set; }

    /// <summary>Each try of a vendor read (agent lists, number sources, state) or of selecting a number source gets this
    /// long; a try that takes longer fails and is retried like any other failed read (see <see cref="Resilience"/>).</summary>
    /// <value>The default value is 10 seconds. The value must be between 10 ms and 1 day.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The provider accounts' resilience (<c>AutoDialer:Dialing:Resilience</c>). Idempotent vendor reads (agent lists,
    /// number sources, state) are retried (default 3 times from 200 ms, jittered; 0 = tried once, never retried), each try
    /// bounded by <see cref="ReadTimeout"/>, and have their own circuit. The make-call circuit: when this share of
    /// make-calls fails for provider reasons (errors, timeouts; not invalid numbers) within the sampling window, dispatch
    /// for that account pauses for the break duration (default 50 % of at least 10 calls in 30 s, for 30 s).
    /// </summary>
    public ResilienceOptions Resilience { get; set; } = new()
    {
        Retries = 3,
        RetryDelay = TimeSpan.FromMilliseconds(200),
        Breaker = new CircuitBreakerOptions { FailureRatio = 0.5, MinimumThroughput = 10, SamplingDuration = TimeSpan.FromSeconds(30), BreakDuration = TimeSpan.FromSeconds(30) },
    };

    /// <summary>An attempt with no outcome this long after it was written is settled by the sweeper (after asking
    /// GetState; default 5 min, 1 s to 30 days).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// An attempt nobody could ask about (no session anywhere, reads failing) is settled as unknown after this long,
    /// which also frees an agent whose hang-up was lost for good (default 2 h, 1 s to 30 days).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan StaleMaxAge { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often the provider is asked for idle agents, so a missed event never strands an agent (default 5 s,
    /// 10 ms to 1 day).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan AgentSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often this node tells the cluster which provider accounts it serves, with their circuits (default
    /// 10 s, 10 ms to 1 h); a node that stops telling drops out after three intervals.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan AccountHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often this node looks for its stale attempts (default every minute, 1 s to 1 day), on the container's
    /// clock: a sweep each node runs itself, independent of Hangfire's recurring jobs and their scheduling lock.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StaleSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Diagnostics ("why isn't it dialling?") older than this are recounted in the background when asked for
    /// (default 15 s, 0 to 1 day).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan DiagnosticsRefresh { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the list of running campaigns is reused before it is read again (default 1 s, 0 to 1 h).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CampaignRefresh { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The frequency caps of campaigns that set none of their own (<c>AutoDialer:Dialing:FrequencyCaps</c>).</summary>
    public FrequencyCapOptions FrequencyCaps { get; set; } = new();

    /// <summary>The nested settings' checks (<c>DataAnnotations</c> does not look into nested objects by itself).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in Resilience.Validate($"{Section}:{nameof(Resilience)}"))
            yield return result;
        foreach (var error in FrequencyCaps.Errors())
            yield return new ValidationResult(error);
    }
}
