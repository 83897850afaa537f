using System.Threading.Channels;
using AutoDialer.Core;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Dialing.Agents;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.Dialing.Events;
using AutoDialer.Dialing.Telephony;
using AutoDialer.PostgreSql;
using AutoDialer.PostgreSql.Agents;
using AutoDialer.PostgreSql.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoDialer.Dialing;

/// <summary>
/// Runs dialing on this node: one event pump per call-center account (events → <see cref="Reconciler"/>, in
/// batches), and a pool of dispatch workers fed by agents becoming idle — event-driven, so an agent waits for a
/// database round trip, not for a polling interval. <see cref="SweepAgentsAsync"/> (run periodically by a job)
/// asks each provider for idle agents so a missed event never strands one.
/// </summary>
internal sealed class DialingEngine(
    IEnumerable<ICallCenter> callCenters,
    Dispatcher dispatcher,
    Reconciler reconciler,
    EventQuarantine quarantine,
    ProviderResiliences resiliences,
    AgentBoard board,
    AgentDesk desk,
    SeenAgents seenAgents,
    NpgsqlDataSource dataSource,
    AutoDialerTelemetry telemetry,
    TimeProvider timeProvider,
    IOptions<DialingOptions> options,
    ILogger<DialingEngine> logger) : BackgroundService
{
    private readonly IReadOnlyList<ICallCenter> _centers = callCenters.ToList();
    private readonly Channel<DispatchTrigger> _triggers = Channel.CreateUnbounded<DispatchTrigger>(new UnboundedChannelOptions { SingleReader = false });

    public IReadOnlyList<ICallCenter> CallCenters => _centers;

    public void Enqueue(DispatchTrigger trigger) => _triggers.Writer.TryWrite(trigger);

    public async Task SweepAgentsAsync(CancellationToken cancellationToken)
    {
        foreach (var center in _centers)
        {
            // Agents whose last event here said idle: their idle event may have come before there was work for them
            // (and Udesk's GetOtherAgents lists the other agents, not the one asking).
            var now0 = timeProvider.GetUtcNow();
            foreach (var agent in board.Snapshot().Where(a => a.ProviderAccount == center.AccountId && a.State == AgentState.Idle))
                Enqueue(new DispatchTrigger(center, agent.AgentId, now0));

            var idle = await resiliences.For(center.AccountId).ReadAsync(ct => center.GetOtherAgentsAsync(AgentStates.ToName(AgentState.Idle), ct), cancellationToken);
            if (!idle.IsSuccess || idle.Data is null)
            {
                logger.LogWarning("Agent sweep of {Account} failed: {Code} {Message}", center.AccountId, idle.Code, idle.Message);
                continue;
            }
            var now = timeProvider.GetUtcNow();
            foreach (var agent in idle.Data)
                Enqueue(new DispatchTrigger(center, agent.AgentId, now));
            // The agents the vendor listed, for the settings page to offer (written once an hour per agent at most); a
            // failure here must not keep the next account from its sweep.
            try
            {
                await seenAgents.RecordVendorListAsync(center.AccountId, idle.Data.Select(a => a.AgentId), now, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Recording the agents {Account} listed failed", center.AccountId);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Dialing engine on node {Node}: {Accounts}", options.Value.Node, string.Join(", ", _centers.Select(c => c.AccountId)));
        // An agent whose disposition came may be out of its wrap-up: its next call need not wait for the sweep.
        desk.WrapUpEnded += DispatchNow;
        using var unsubscribe = stoppingToken.Register(() => desk.WrapUpEnded -= DispatchNow);
        // An agent who skipped a preview (or whose countdown gave the contact back) is idle at its page: offer the next now.
        dispatcher.OfferReleased += DispatchNow;
        using var unsubscribeOffers = stoppingToken.Register(() => dispatcher.OfferReleased -= DispatchNow);
        var work = new List<Task>();
        work.AddRange(_centers.Select(center => PumpAsync(center, stoppingToken)));
        work.AddRange(Enumerable.Range(0, Math.Max(1, options.Value.DispatchConcurrency)).Select(_ => DispatchLoopAsync(stoppingToken)));
        try
        {
            await SweepAgentsAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "First agent sweep failed; the periodic sweep will try again");
        }
        await Task.WhenAll(work);
    }

    /// <summary>An agent of this node that may be free for a call now (its disposition came, or its preview was skipped).</summary>
    private void DispatchNow(string account, string agentId)
    {
        if (_centers.FirstOrDefault(c => c.AccountId == account) is { } center && center.FindSession(agentId) is not null)
            Enqueue(new DispatchTrigger(center, agentId, timeProvider.GetUtcNow()));
    }

    private async Task DispatchLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<DispatchTrigger>(options.Value.DispatchBatchSize);
        try
        {
            while (await _triggers.Reader.WaitToReadAsync(stoppingToken))
            {
                // Whoever is waiting now goes in one batch: under load the batch grows and the database cost per
                // agent shrinks; when quiet it is a batch of one and nothing waits for company.
                while (batch.Count < options.Value.DispatchBatchSize && _triggers.Reader.TryRead(out var trigger))
                    batch.Add(trigger);
                if (batch.Count == 0) continue;
                try
                {
                    await dispatcher.DispatchAsync(batch, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The lease is transactional: a failure before the attempts committed leaves the contacts untouched,
                    // and the agents are found again by the next idle event or sweep.
                    if (DatabaseUnavailable.Is(e))
                        dataSource.Clear();
                    logger.LogError(e, "Dispatch for {Count} agents ({Agents}) failed", batch.Count,
                        string.Join(", ", batch.Take(5).Select(t => t.CallCenter.AccountId + "/" + t.AgentId)));
                }
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PumpAsync(ICallCenter center, CancellationToken stoppingToken)
    {
        var reader = center.Events;
        var batch = new List<CallCenterEvent>(options.Value.EventBatchSize);
        // The acks of the batch before: they go out while the next batch is applied, one batch's at a time, so the
        // pump never waits for sockets and never has more than two batches' acks unsent.
        var acks = Task.CompletedTask;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < options.Value.EventBatchSize && reader.TryRead(out var next))
                    batch.Add(next);
                await ApplyUntilStoredAsync(center, batch, stoppingToken);
                // Only now may the pages forget these events: before this, a crash would have lost them.
                if (center is IAcknowledgedEvents acknowledged)
                {
                    await acks;
                    acks = acknowledged.CommittedAsync(batch.ToArray(), stoppingToken);
                }
                batch.Clear();
            }
            // The queue was closed (a graceful stop): the last acks go out before the pump ends.
            await acks;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Keeps a batch until it is stored: events are facts, and a database hiccup must not lose them. PostgreSQL refusing
    /// the data itself (<see cref="DataRefusal"/>) is no hiccup — it would refuse it forever and hold up every event
    /// behind it — so the batch is applied again one event at a time, and an event refused on its own is quarantined.
    /// </summary>
    private async Task ApplyUntilStoredAsync(ICallCenter center, List<CallCenterEvent> batch, CancellationToken stoppingToken)
    {
        var wait = TimeSpan.FromMilliseconds(100);
        string? refusal = null;
        while (true)
        {
            try
            {
                if (refusal is not null)
                {
                    await quarantine.AddAsync(center.AccountId, [(batch[0], refusal)], stoppingToken);
                    telemetry.CountQuarantined(center.AccountId);
                    logger.LogError("Quarantined event {EventId} ({Name}) of {Account}: {Reason}", batch[0].EventId, batch[0].Name, center.AccountId, refusal);
                    return;
                }
                foreach (var (agentId, at) in await reconciler.ApplyAsync(center.AccountId, batch, stoppingToken))
                    Enqueue(new DispatchTrigger(center, agentId, at));
                return;
            }
            catch (Exception e) when (refusal is null && DataRefusal.Is(e))
            {
                if (batch.Count == 1)
                {
                    refusal = DataRefusal.Reason(e);
                    continue;
                }
                logger.LogWarning("PostgreSQL refused data in {Count} events of {Account} ({Reason}); applying them one at a time", batch.Count,
                    center.AccountId, DataRefusal.Reason(e));
                foreach (var one in batch)
                    await ApplyUntilStoredAsync(center, [one], stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Back from a restart, every pooled connection is dead: without this each would fail one more retry.
                if (DatabaseUnavailable.Is(e))
                    dataSource.Clear();
                logger.LogError(e, "Applying {Count} events of {Account} failed; retrying in {Wait}", batch.Count, center.AccountId, wait);
                await Task.Delay(wait, timeProvider, stoppingToken);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }
}
