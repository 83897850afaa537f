using System.Text.Json;
using System.Threading.Channels;
using AutoDialer.Core.Events;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.InProcess;
using AutoDialer.Simulation.Pages;
using AutoDialer.Simulation.Vendors;

namespace AutoDialer.Simulation.Tests.InProcess;

/// <summary>Fixtures shared by the simulator tests: fixed times so expected timestamps are exact.</summary>
internal static class TestSimulator
{
    public static readonly TimeSpan PostDial = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Ring = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Talk = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan EarlyRelease = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(45);
    public static readonly TimeSpan WrapUp = TimeSpan.FromSeconds(10);

    // Numbers decided by NumberSuffixRule.
    public const string Answers = "13800099994";
    public const string NeverAnswers = "13800099992";
    public const string Busy = "13800099991";
    public const string Rejects = "13800099993";
    public const string Invalid = "13800099990";
    public const string NetworkFails = "13800099995";

    public static SimulatorOptions Options { get; } = new()
    {
        AgentCount = 2,
        WrapUpTime = DurationDistribution.Fixed(WrapUp),
        Customers = new CustomerBehaviour
        {
            PostDialDelay = DurationDistribution.Fixed(PostDial),
            RingTime = DurationDistribution.Fixed(Ring),
            TalkTime = DurationDistribution.Fixed(Talk),
            EarlyReleaseDelay = DurationDistribution.Fixed(EarlyRelease),
            RingTimeout = RingTimeout,
        },
    };

    public static SimulatedCallCenter Create(ManualTimeProvider clock, Func<SimulatorOptions, SimulatorOptions>? configure = null) =>
        new(configure is null ? Options : configure(Options), clock);

    /// <summary>Everything written to the stream so far.</summary>
    public static List<CallCenterEvent> Drain(this ChannelReader<CallCenterEvent> reader)
    {
        var events = new List<CallCenterEvent>();
        while (reader.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    public static IAgentSession Session(this SimulatedCallCenter center, string agentId = "agent-001") =>
        center.FindSession(agentId) ?? throw new InvalidOperationException($"{agentId} has no session");

    public static JsonElement Data(this CallCenterEvent e)
    {
        var data = e.Payload.GetProperty("Data");
        return data.ValueKind == JsonValueKind.Array ? data[0] : data;
    }

    public static string? Field(this CallCenterEvent e, string name) =>
        e.Data().TryGetProperty(name, out var value) ? value.ToString() : null;

    public static List<CallSignal> Interpret(this IEnumerable<CallCenterEvent> events) =>
        events.Select(UdeskEventInterpreter.Interpret).ToList();
}
