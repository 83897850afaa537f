using System.Diagnostics;
using AutoDialer.Telephony.Bridge;

namespace AutoDialer.Simulation.Pages;

/// <summary>
/// A call center with <see cref="SimulationOptions.Agents"/> agents, each with its phone and its workbench page
/// connected to the dialer: started together, run until stopped, then summed up.
/// </summary>
internal sealed class SimulationRun : IAsyncDisposable
{
    private readonly List<SimulatedPage> _pages = [];
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = new();
    private Task _running = Task.CompletedTask;

    public SimulationRun(SimulationOptions options, TruthLog truth, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(truth);
        options.Validate();
        Options = options;
        time ??= TimeProvider.System;
        _http = new HttpClient { Timeout = SimulatedPage.ConnectTimeout };
        var tokens = new BridgeTokenClient(_http, options.Account, options.ApiKey);
        var roster = new AgentRoster();
        IPageDialect dialect = options.Vendor == BridgeProviders.Meiqia ? new MeiqiaDialect() : new UdeskDialect(roster);
        var index = 0;
        foreach (var agentId in options.AgentIds())
        {
            var phone = options.Phone(agentId, time);
            roster.Add(phone);
            _pages.Add(new SimulatedPage(index++, phone, dialect, options, tokens, Counters, truth, time));
        }
    }

    public SimulationOptions Options { get; }

    public SimulationCounters Counters { get; } = new();

    internal IReadOnlyList<SimulatedPage> Pages => _pages;

    /// <summary>Starts every phone (its SDK's first events wait in the outbox) and connects every page.</summary>
    public void Start()
    {
        _clock.Start();
        foreach (var page in _pages)
        {
            page.Phone.Ready();
        }

        _running = Task.WhenAll(_pages.Select(p => Task.Run(() => p.RunAsync(_stop.Token))));
    }

    /// <summary>Closes every page's socket; the phones stop with the run.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        _clock.Stop();
    }

    public SimulationSummary Summary() => new(
        _pages.Count,
        Math.Round(_clock.Elapsed.TotalSeconds, 3),
        _pages.Sum(p => p.Phone.MakeCalls),
        _pages.Sum(p => p.Phone.CallsPlaced),
        _pages.Sum(p => p.Phone.CallsEnded),
        _pages.Sum(p => p.Outbox.LastSeq),
        Counters.EventsSent,
        _pages.Sum(p => p.Outbox.Acked),
        _pages.Sum(p => p.Outbox.Refused),
        _pages.Sum(p => (long)p.Outbox.Count),
        _pages.Sum(p => p.Outbox.Dropped),
        Counters.Connects,
        Counters.Reconnects,
        Counters.ConnectFailures,
        Counters.Commands,
        Counters.Expired,
        Counters.RejectedByServer,
        Counters.Duplicated,
        Counters.Reordered,
        Counters.Late,
        Counters.Poisoned,
        Counters.SocketsDropped,
        Counters.DuplicateDials,
        _pages.Count(p => p.SessionId is not null),
        Counters.AgentSide.ScreenPops,
        Counters.AgentSide.Offers,
        Counters.AgentSide.OffersSkipped,
        Counters.AgentSide.Dispositions,
        Counters.AgentSide.DispositionsRefused,
        Counters.AgentSide.CallbacksRequested,
        Counters.AgentSide.ForeignTried,
        Counters.AgentSide.ForeignAccepted);

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var page in _pages)
        {
            page.Dispose();
        }

        _http.Dispose();
        _stop.Dispose();
    }
}
