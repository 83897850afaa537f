using System.Diagnostics.Metrics;
using AutoDialer.AspNetCore.Bridge;
using AutoDialer.Core;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telemetry;
using AutoDialer.Core.Telephony;
using AutoDialer.Dialing;
using AutoDialer.Dialing.Agents;
using AutoDialer.Dialing.Telephony;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Observability;

/// <summary>
/// The state a dialing node holds, read when a listener collects (nothing on the dispatch or event path): agents by
/// state, bridge sessions, reconnects, events and queue depth per account, and each account's circuit. Registered
/// once per host by <c>AddAutoDialerServer</c>; a hosted service only so that the instruments exist from the start.
/// </summary>
internal sealed class DialerGauges : IHostedService
{
    private readonly AgentBoard _board;
    private readonly BridgeAccounts _bridge;
    private readonly IProviderHealth _health;
    private readonly ProviderResiliences? _resiliences;
    private readonly KeyValuePair<string, object?> _node;

    public DialerGauges(AutoDialerTelemetry telemetry, AgentBoard board, BridgeAccounts bridge, IProviderHealth health, IOptions<DialingOptions> dialing,
        ProviderResiliences? resiliences = null)
    {
        (_board, _bridge, _health, _resiliences) = (board, bridge, health, resiliences);
        _node = new KeyValuePair<string, object?>(AutoDialerTags.Node, dialing.Value.Node);
        telemetry.Observe(AutoDialerInstruments.Agents, ObserveAgents);
        telemetry.Observe(AutoDialerInstruments.BridgeSessions, () => PerBridgeAccount(s => s.Connected().Count));
        telemetry.Observe(AutoDialerInstruments.BridgeQueueDepth, () => PerBridgeAccount(s => s.Queue.Queued));
        telemetry.Observe(AutoDialerInstruments.BridgeReconnects, () => PerBridgeAccount(s => s.Queue.Counts.Replaced));
        telemetry.Observe(AutoDialerInstruments.BridgeEvents, ObserveBridgeEvents);
        telemetry.Observe(AutoDialerInstruments.CircuitOpen, ObserveCircuits);
        telemetry.Observe(AutoDialerInstruments.CircuitState, ObserveCircuitStates);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> ObserveAgents()
    {
        var counts = new Dictionary<(string Account, AgentState State), long>();
        foreach (var agent in _board.Snapshot())
            counts[(agent.ProviderAccount, agent.State)] = counts.GetValueOrDefault((agent.ProviderAccount, agent.State)) + 1;
        foreach (var ((account, state), count) in counts)
            yield return new Measurement<long>(count, Tag(AutoDialerTags.Account, account), Tag(AutoDialerTags.State, state.ToName()), _node);
    }

    private IEnumerable<Measurement<long>> PerBridgeAccount(Func<Telephony.Bridge.BridgeSessions, long> read)
    {
        foreach (var account in _bridge.AccountIds)
            yield return new Measurement<long>(read(_bridge.Find(account)!), Tag(AutoDialerTags.Account, account), _node);
    }

    private IEnumerable<Measurement<long>> ObserveBridgeEvents()
    {
        foreach (var account in _bridge.AccountIds)
        {
            var counts = _bridge.Find(account)!.Queue.Counts;
            yield return Event(account, "received", counts.Received);
            yield return Event(account, "acknowledged", counts.Acknowledged);
            yield return Event(account, "session_ended", counts.SessionEnded);
            foreach (var (reason, refused) in counts.Refused)
                yield return Event(account, "refused_" + reason, refused);
        }
    }

    private IEnumerable<Measurement<long>> ObserveCircuits()
    {
        foreach (var circuit in _health.Circuits())
            yield return new Measurement<long>(circuit.Open ? 1 : 0, Tag(AutoDialerTags.Account, circuit.ProviderAccount));
    }

    /// <summary>Every state of both breakers of each account, 1 for the one it is in: a series that drops to 0 says it left.</summary>
    private IEnumerable<Measurement<long>> ObserveCircuitStates()
    {
        foreach (var account in _resiliences?.All ?? [])
        {
            foreach (var (circuit, current) in new[] { ("make_call", account.MakeCallCircuitState), ("reads", account.ReadCircuitState) })
            {
                foreach (var (state, name) in ProviderResilience.CircuitStateNames)
                    yield return new Measurement<long>(state == current ? 1 : 0, Tag(AutoDialerTags.Account, account.AccountId),
                        Tag(AutoDialerTags.Circuit, circuit), Tag(AutoDialerTags.State, name));
            }
        }
    }

    private static Measurement<long> Event(string account, string result, long count) =>
        new(count, Tag(AutoDialerTags.Account, account), Tag(AutoDialerTags.Result, result));

    private static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);
}
