using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using AutoDialer.Core.Agents;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.Vendors;

namespace AutoDialer.Simulation.InProcess;

/// <summary>
/// An in-process call center speaking Udesk's vocabulary: one <see cref="AgentPhone"/> per agent (the call model the
/// page simulator runs too: states and wrap-up, number sources, customers drawn from <see cref="CustomerBehaviour"/>),
/// the faults of <see cref="SimulatorFaults"/>, and what happens as Udesk events (<see cref="UdeskEvents"/>). Time
/// moves only through the injected <see cref="TimeProvider"/> (a test clock, or an accelerated one), and chance only
/// through <see cref="SimulatorOptions.Seed"/>. It counts every make-call per business id: the witness that nothing
/// was dialled twice.
/// </summary>
/// <remarks>
/// A call, from <c>MakeCallAsync</c>: AgentStateChanged idle→busy and Originated at once; then either
/// ConnectionCleared (USER_BUSY or NORMAL_TEMPORARY_FAILURE) after the early-release delay, or Delivered
/// after the post-dial delay followed by Established and, after the talk time, ConnectionCleared
/// (NORMAL_CLEARING), or ConnectionCleared (CALL_REJECTED / NO_ANSWER); after the wrap-up time,
/// AgentStateChanged busy→idle. An invalid number, a busy agent or an injected error are refused by the
/// make-call itself, with no event.
/// </remarks>
internal sealed class SimulatedCallCenter : ICallCenter, IAsyncDisposable
{
    private readonly Channel<CallCenterEvent> _events =
        Channel.CreateUnbounded<CallCenterEvent>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Dictionary<string, SimulatedAgentSession> _sessions = new(StringComparer.Ordinal);
    private readonly List<SimulatedAgentSession> _ordered = [];
    private readonly EventDelivery _delivery;
    private int _accountRequests;
    private bool _disposed;

    private readonly ConcurrentDictionary<Task, byte> _deskWork = new();
    private readonly Func<IAgentDesk?>? _desk;

    /// <param name="desk">Where the agents record dispositions (<see cref="SimulatorOptions.Habits"/>): the dialer's, found
    /// when first needed (it is registered beside this call center). Null: the agents record none.</param>
    public SimulatedCallCenter(SimulatorOptions options, TimeProvider timeProvider, Func<IAgentDesk?>? desk = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        Options = options;
        Time = timeProvider;
        _desk = desk;
        Timers = new TimerSet(timeProvider, Gate);
        Draws = new CallDrawSource(options.Seed, options.Customers, options.WrapUpTime, options.Faults.Latency);
        _delivery = new EventDelivery(options.Faults, options.Seed, Timers, _events.Writer, CounterSet);

        lock (Gate)
        {
            foreach (var agentId in options.ResolveAgentIds())
            {
                var session = new SimulatedAgentSession(this, agentId, options.InitialAgentState, options.NumberSourcesOf(agentId));
                _sessions.Add(agentId, session);
                _ordered.Add(session);
            }

            // Every workbench reports its state when it is ready.
            foreach (var session in _ordered)
            {
                session.Phone.Ready();
            }
        }
    }

    public string AccountId => Options.AccountId;

    public string Provider => "simulator";

    public IReadOnlyList<string> AgentIds => _ordered.Select(s => s.AgentId).ToArray();

    public ChannelReader<CallCenterEvent> Events => _events.Reader;

    /// <summary>Make-call requests received, per business id, whatever their result.</summary>
    public IReadOnlyDictionary<string, int> MakeCallCounts
    {
        get
        {
            lock (Gate)
            {
                return new Dictionary<string, int>(Draws.Requests, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Business ids requested more than once. Zero is the proof that nothing was dialled twice.</summary>
    public int DuplicateDials
    {
        get
        {
            lock (Gate)
            {
                return Draws.Requests.Values.Count(c => c > 1);
            }
        }
    }

    public SimulatorCounters Counters
    {
        get
        {
            lock (Gate)
            {
                return CounterSet.Snapshot();
            }
        }
    }

    /// <summary>What the agents did on their side of the calls: cards seen, offers decided, dispositions recorded.</summary>
    public AgentSideCounts AgentSide { get; } = new();

    internal IAgentDesk? Desk => _desk?.Invoke();

    /// <summary>Runs an agent's request to the dialer beside the calls (outside the lock); kept until done.</summary>
    internal void Run(Func<Task> work)
    {
        var task = Task.Run(work);
        _deskWork[task] = 0;
        _ = task.ContinueWith(t => _deskWork.TryRemove(t, out _), TaskScheduler.Default);
    }

    internal object Gate { get; } = new();

    internal SimulatorOptions Options { get; }

    internal TimeProvider Time { get; }

    /// <summary>The faults' timers (late and reordered events, sessions that drop); each phone keeps its calls' own.</summary>
    internal TimerSet Timers { get; }

    /// <summary>Every make-call's draws, and how many times each business id was requested, across all agents.</summary>
    internal CallDrawSource Draws { get; }

    internal CounterSet CounterSet { get; } = new();

    public IAgentSession? FindSession(string agentId)
    {
        lock (Gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _sessions.TryGetValue(agentId, out var session) && session.Connected ? session : null;
        }
    }

    public async Task<VendorResult<IReadOnlyList<AgentStatus>>> GetOtherAgentsAsync(string? state, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        VendorResult<IReadOnlyList<AgentStatus>> result;
        TimeSpan latency;
        lock (Gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            latency = Options.Faults.Latency.Sample(StableRandom.Create(Options.Seed, "request", AccountId, "GetOtherAgentsAsync", (++_accountRequests).ToString(CultureInfo.InvariantCulture)));
            var filter = state is null ? (AgentState?)null : AgentStates.Parse(state);
            IReadOnlyList<AgentStatus> agents = _ordered
                .Where(s => filter is null || s.State == filter)
                .Select(s => new AgentStatus(s.AgentId, AccountId, s.AgentId, Enable: true, AgentStates.ToName(s.State), WrapUpTime: 0))
                .ToArray();
            result = VendorResult<IReadOnlyList<AgentStatus>>.Success(agents);
        }

        return await RespondAsync(result, latency, VendorResult<IReadOnlyList<AgentStatus>>.Timeout, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        lock (Gate)
        {
            if (_disposed)
            {
                return ValueTask.CompletedTask;
            }

            _disposed = true;
        }

        Timers.Dispose();
        // Requests in flight end with the host they talk to; they must not outlive it unobserved.
        foreach (var work in _deskWork.Keys)
            _ = work.ContinueWith(t => t.Exception, TaskScheduler.Default);
        foreach (var session in _ordered)
        {
            session.Phone.Dispose();
        }

        _events.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>An event happens now on <paramref name="session"/>; it reaches the stream only if the session
    /// is connected, and then through the event faults.</summary>
    internal void Emit(SimulatedAgentSession session, VendorEvent vendorEvent)
    {
        var callCenterEvent = CallCenterEvent.Create(EventVendor.Simulator, AccountId, session.AgentId, vendorEvent.Name, Time.GetUtcNow(), vendorEvent.Payload);
        CounterSet.EventsEmitted++;
        if (!session.Connected)
        {
            CounterSet.EventsLostDisconnected++;
            return;
        }

        _delivery.Deliver(callCenterEvent);
    }

    /// <summary>Answers after <paramref name="latency"/>, or with a timeout once the response timeout passes.</summary>
    internal async Task<TResult> RespondAsync<TResult>(TResult result, TimeSpan latency, Func<TResult> timeout, CancellationToken cancellationToken)
        where TResult : VendorResult
    {
        if (latency <= TimeSpan.Zero)
        {
            return result;
        }

        var responseTimeout = Options.Faults.ResponseTimeout;
        if (latency >= responseTimeout)
        {
            await Task.Delay(responseTimeout, Time, cancellationToken).ConfigureAwait(false);
            lock (Gate)
            {
                CounterSet.Timeouts++;
            }

            return timeout();
        }

        await Task.Delay(latency, Time, cancellationToken).ConfigureAwait(false);
        return result;
    }
}
