using System.Collections.Frozen;
using System.Globalization;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Simulation.Calls;

namespace AutoDialer.Simulation.InProcess;

/// <summary>Configuration of a <see cref="SimulatedCallCenter"/>.</summary>
internal sealed record SimulatorOptions
{
    public string AccountId { get; init; } = "sim";

    /// <summary>Number of agents, named agent-001, agent-002, …; ignored when <see cref="AgentIds"/> is set.</summary>
    public int AgentCount { get; init; } = 10;

    public IReadOnlyList<string>? AgentIds { get; init; }

    /// <summary>The state agents start in; a session reports it with a <c>Ready</c> event at start.</summary>
    public AgentState InitialAgentState { get; init; } = AgentState.Idle;

    /// <summary>Time between a call's hang-up and its agent becoming idle again.</summary>
    public DurationDistribution WrapUpTime { get; init; } = DurationDistribution.Fixed(TimeSpan.FromSeconds(5));

    /// <summary>Trunk numbers and number pools of every agent not listed in <see cref="NumberSourcesByAgent"/>;
    /// the first is selected at start.</summary>
    public IReadOnlyList<NumberSource> NumberSources { get; init; } =
    [
        NumberSource.Trunk("02161230001"),
        NumberSource.Trunk("02161230002"),
        NumberSource.Pool("1", "默认号码池", ["01061230001", "01061230002", "01061230003"]),
    ];

    public IReadOnlyDictionary<string, IReadOnlyList<NumberSource>> NumberSourcesByAgent { get; init; } =
        FrozenDictionary<string, IReadOnlyList<NumberSource>>.Empty;

    public CustomerBehaviour Customers { get; init; } = new();

    /// <summary>Decides a number's response before chance does; null leaves it to <see cref="Customers"/>.
    /// Default: <see cref="NumberSuffixRule.Resolve"/> (numbers ending in 9999d).</summary>
    public Func<string, CustomerResponse?> NumberRule { get; init; } = NumberSuffixRule.Resolve;

    /// <summary>Same seed and same requests give the same responses and events.</summary>
    public int Seed { get; init; } = 1;

    public SimulatorFaults Faults { get; init; } = SimulatorFaults.None;

    /// <summary>Put the business id into call events as <c>UserData</c>. Off by default: Udesk documents no
    /// business id in call events, and correlation must work without it.</summary>
    public bool EchoBusinessIdInEvents { get; init; }

    /// <summary>How the agents work their side of a call (dispositions, callbacks, preview decisions), through the dialer's
    /// <c>IAgentDesk</c>. The default value is <see cref="AgentHabits.None"/>: nothing.</summary>
    public AgentHabits Habits { get; init; } = AgentHabits.None;

    /// <summary>Called with every make-call as it arrives, before anything else happens to it (<c>demo --witness</c>
    /// appends its business id to a file, so what was dialled can be checked across processes, even one killed). Null
    /// by default.</summary>
    public Action<MakeCallRequest>? OnMakeCall { get; init; }

    public IReadOnlyList<string> ResolveAgentIds() =>
        AgentIds ?? Enumerable.Range(1, AgentCount).Select(i => "agent-" + i.ToString("D3", CultureInfo.InvariantCulture)).ToArray();

    public IReadOnlyList<NumberSource> NumberSourcesOf(string agentId) =>
        NumberSourcesByAgent.TryGetValue(agentId, out var sources) ? sources : NumberSources;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(AccountId);
        var ids = ResolveAgentIds();
        if (ids.Count == 0 || ids.Any(string.IsNullOrEmpty) || ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            throw new ArgumentException("Agents must be at least one, with distinct non-empty ids.");
        }

        if (InitialAgentState == AgentState.Unknown)
        {
            throw new ArgumentException("InitialAgentState must be a real state.");
        }

        ArgumentNullException.ThrowIfNull(NumberRule);
        Habits.Validate();
        Customers.Validate();
        Faults.Validate();
    }
}
