using System.Globalization;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Simulation.Calls;
using AutoDialer.Telephony.Bridge;

namespace AutoDialer.Simulation.Pages;

/// <summary>Configuration of a <see cref="SimulationRun"/>: where the dialer is, who the agents are, how customers
/// behave (in real seconds) and which faults the pages inject.</summary>
internal sealed record SimulationOptions
{
    public const int MaxAgents = 10_000;

    /// <summary>The default outbox bound: events kept until acknowledged, per page.</summary>
    public const int DefaultOutboxCapacity = 100_000;

    /// <summary>Dialer nodes (their base URLs); agent i starts on node i mod count, moves to the next node when a
    /// connection attempt fails, and after a session that was welcomed ends tries its own node first again.</summary>
    public IReadOnlyList<Uri> DialerUrls { get; init; } = [];

    /// <summary>Number of simulated agents, 1 to <see cref="MaxAgents"/>. The default value is 10.</summary>
    public int Agents { get; init; } = 10;

    /// <summary><c>udesk</c> or <c>meiqia</c>: which SDK's method names, events and payloads the pages speak.</summary>
    public string Vendor { get; init; } = BridgeProviders.Udesk;

    /// <summary>The bridge account to ask tokens for (<c>providerAccount</c>); null when the dialer has only one.</summary>
    public string? Account { get; init; }

    /// <summary>Agent ids are this prefix and a number: <c>agent-001</c>, … (at least three digits).</summary>
    public string AgentPrefix { get; init; } = "agent-";

    /// <summary>Sent as <c>X-Api-Key</c> for bridge tokens: needed whenever the dialer has credentials configured, and
    /// for a dialer on another machine; it must be allowed to act for every simulated agent.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Same seed and same make-calls give the same customers and the same faults.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Customers, in real time. Defaults: the in-process simulator's probabilities, ring 3–25 s, no answer
    /// after 45 s, talk log-normal around 60 s.</summary>
    public CustomerBehaviour Customers { get; init; } = new();

    /// <summary>From a hang-up to the agent being idle again. The default value is 0–2 s.</summary>
    public DurationDistribution WrapUp { get; init; } = DurationDistribution.Uniform(TimeSpan.Zero, TimeSpan.FromSeconds(2));

    /// <summary>Decides a number's response before chance does. Default: numbers ending in 9999d (<see cref="NumberSuffixRule"/>).</summary>
    public Func<string, CustomerResponse?> NumberRule { get; init; } = NumberSuffixRule.Resolve;

    /// <summary>Every agent's trunk numbers and pools; the first is selected at start.</summary>
    public IReadOnlyList<NumberSource> NumberSources { get; init; } = new InProcess.SimulatorOptions().NumberSources;

    public PageFaults Faults { get; init; } = PageFaults.None;

    /// <summary>How the agents work their side of a call (dispositions, callbacks, preview decisions), in real seconds.
    /// The default value is <see cref="AgentHabits.None"/>: nothing (the <c>simulate</c> verb turns it on).</summary>
    public AgentHabits Habits { get; init; } = AgentHabits.None;

    /// <summary>A slow vendor: how long its make-call takes to answer (and to place the call). A call placed after the
    /// command's deadline is hung up at once and answered <c>late</c>. The default value is 0; at most 1 h.</summary>
    public TimeSpan MakeCallDelay { get; init; }

    /// <summary>Events a page keeps until acknowledged; beyond it the oldest is dropped (and counted). The default
    /// value is <see cref="DefaultOutboxCapacity"/>.</summary>
    public int OutboxCapacity { get; init; } = DefaultOutboxCapacity;

    /// <summary>Reconnect backoff, as the script's <c>reconnectMinMs</c> / <c>reconnectMaxMs</c>. Defaults 500 ms and 10 s.</summary>
    public TimeSpan ReconnectMin { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMax { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Heartbeat interval assumed until the welcome names the server's. The default value is 10 s.</summary>
    public TimeSpan DefaultHeartbeat { get; init; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<string> AgentIds()
    {
        var digits = Math.Max(3, Agents.ToString(CultureInfo.InvariantCulture).Length);
        return Enumerable.Range(1, Agents).Select(i => AgentPrefix + i.ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>An agent's phone in real time, on a lock of its own, drawing each make-call from the seed and its
    /// business id as the in-process simulator does, so both place the same call for the same seed and business id.</summary>
    internal AgentPhone Phone(string agentId, TimeProvider time) =>
        new(agentId, AgentState.Idle, NumberSources, new CallDrawSource(Seed, Customers, WrapUp, DurationDistribution.Zero), NumberRule, time, new object());

    public void Validate()
    {
        if (DialerUrls.Count == 0 || DialerUrls.Any(u => !u.IsAbsoluteUri || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException("At least one dialer URL is required, each absolute http:// or https://.");
        }

        if (Agents is < 1 or > MaxAgents)
        {
            throw new ArgumentException($"Agents must be between 1 and {MaxAgents}.");
        }

        if (Vendor is not (BridgeProviders.Udesk or BridgeProviders.Meiqia))
        {
            throw new ArgumentException("Vendor must be 'udesk' or 'meiqia'.");
        }

        if (string.IsNullOrWhiteSpace(AgentPrefix) || AgentPrefix.Length > 100)
        {
            throw new ArgumentException("The agent prefix must be 1 to 100 characters.");
        }

        if (OutboxCapacity < 1)
        {
            throw new ArgumentException("The outbox capacity must be at least 1.");
        }

        if (ReconnectMin <= TimeSpan.Zero || ReconnectMax < ReconnectMin || DefaultHeartbeat <= TimeSpan.Zero)
        {
            throw new ArgumentException("Reconnect delays must be positive with max ≥ min, and the heartbeat positive.");
        }

        if (MakeCallDelay < TimeSpan.Zero || MakeCallDelay > TimeSpan.FromHours(1))
        {
            throw new ArgumentException("The make-call delay must be between 0 and 3600 s.");
        }

        ArgumentNullException.ThrowIfNull(NumberRule);
        Habits.Validate();
        Faults.Validate();
        Customers.Validate();
    }
}
