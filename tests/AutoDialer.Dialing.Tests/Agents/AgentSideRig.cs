using System.Threading.Channels;
using AutoDialer.Core.Agents;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Events;
using AutoDialer.Core.Preview;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Dialing.Agents;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.Dialing.Settlement;
using AutoDialer.PostgreSql.Settlement;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NSubstitute;

namespace AutoDialer.Dialing.Tests.Agents;

/// <summary>
/// The engine's parts on a real database with a manual clock, and agents whose sessions are stand-ins recording what
/// they were shown and asked to dial; a preview offer is answered as <see cref="OfferAnswer"/> says.
/// </summary>
internal sealed class AgentSideRig : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai

    private readonly ServiceProvider _services;
    private readonly ICallCenter _center = Substitute.For<ICallCenter>();
    private readonly Dictionary<string, IAgentSession> _sessions = new(StringComparer.Ordinal);

    private AgentSideRig(NpgsqlDataSource db, ManualTimeProvider clock, ServiceProvider services)
    {
        Db = db;
        Clock = clock;
        _services = services;
        _center.AccountId.Returns(DialingRig.Account);
        _center.Events.Returns(Channel.CreateUnbounded<CallCenterEvent>().Reader);
    }

    public NpgsqlDataSource Db { get; }

    public ManualTimeProvider Clock { get; }

    /// <summary>The cards each agent's page was shown, in order.</summary>
    public Dictionary<string, List<CallCard>> Cards { get; } = new(StringComparer.Ordinal);

    /// <summary>The offers each agent's page was made, in order.</summary>
    public Dictionary<string, List<PreviewOffer>> Offers { get; } = new(StringComparer.Ordinal);

    /// <summary>The business ids (attempt ids) each agent's session was asked to dial, in order.</summary>
    public Dictionary<string, List<long>> Dialled { get; } = new(StringComparer.Ordinal);

    public PreviewAnswer OfferAnswer { get; set; } = PreviewAnswer.Dial;

    /// <summary>When set, offers are answered when this completes (an agent still deciding).</summary>
    public Task<PreviewAnswer>? Deciding { get; set; }

    public Dispatcher Dispatcher => _services.GetRequiredService<Dispatcher>();

    public AgentDesk Desk => _services.GetRequiredService<AgentDesk>();

    public static async Task<AgentSideRig> StartAsync(NpgsqlDataSource db, params string[] agents)
    {
        var clock = new ManualTimeProvider(Start);
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(clock);
        var rig = new AgentSideRig(db, clock, DialingRig.Services(db, collection));
        foreach (var agent in agents) rig.AddAgent(agent);
        return rig;
    }

    /// <summary>
    /// A campaign of <paramref name="contacts"/> contacts due at <see cref="Start"/> for <paramref name="agents"/>, dialling at
    /// any hour. Imported contacts are due from the database's own now(), which is not the rig's clock: set, so the tests
    /// do not depend on the hour they run at.
    /// </summary>
    public static async Task<long> CampaignAsync(NpgsqlDataSource db, string name, int contacts, IReadOnlyList<string> agents,
        Func<CampaignSettings, CampaignSettings>? change = null)
    {
        var id = await DialingRig.CreateRunningCampaignAsync(db, name, contacts,
            (change ?? (s => s))(DialingRig.Settings(agents) with { FrequencyCaps = FrequencyCaps.Off, CallerNumbers = [] }));
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("update contacts set next_due_at = @start where campaign_id = @id", new { start = Start.UtcDateTime, id });
        return id;
    }

    private void AddAgent(string agentId)
    {
        var session = Substitute.For<IAgentSession>();
        session.AgentId.Returns(agentId);
        session.GetNumberPoolAndSpNumAsync(default, default).ReturnsForAnyArgs(VendorResult<NumberSourceList>.Success(new NumberSourceList([], null)));
        session.MakeCallAsync(default!, default).ReturnsForAnyArgs(call =>
        {
            var id = long.Parse(call.Arg<MakeCallRequest>().BusinessId, System.Globalization.CultureInfo.InvariantCulture);
            lock (Dialled) (Dialled.TryGetValue(agentId, out var list) ? list : Dialled[agentId] = []).Add(id);
            return VendorResult<MakeCallAccepted>.Success(new MakeCallAccepted(call.Arg<MakeCallRequest>().BusinessId, "call-" + id));
        });
        session.ShowCardAsync(default!, default).ReturnsForAnyArgs(call =>
        {
            lock (Cards) (Cards.TryGetValue(agentId, out var list) ? list : Cards[agentId] = []).Add(call.Arg<CallCard>());
            return Task.CompletedTask;
        });
        session.OfferAsync(default!, default).ReturnsForAnyArgs(call =>
        {
            lock (Offers) (Offers.TryGetValue(agentId, out var list) ? list : Offers[agentId] = []).Add(call.Arg<PreviewOffer>());
            return Deciding ?? Task.FromResult(OfferAnswer);
        });
        _sessions[agentId] = session;
        _center.FindSession(agentId).Returns(session);
    }

    /// <summary>Dispatches for <paramref name="agents"/> in one batch, idle longest first (a second apart), and waits for the offers it made to end.</summary>
    public async Task<IReadOnlyList<DispatchOutcome>> DispatchTogetherAsync(params string[] agents)
    {
        var triggers = agents.Select((agent, i) => new DispatchTrigger(_center, agent, Clock.GetUtcNow().AddSeconds(i - agents.Length))).ToList();
        var outcomes = await Dispatcher.DispatchAsync(triggers, CancellationToken.None);
        await Dispatcher.OffersEndedAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return outcomes;
    }

    /// <summary>Dispatches for <paramref name="agent"/>, idle now, and waits for the offers it made to end.</summary>
    public async Task<DispatchOutcome> DispatchAsync(string agent)
    {
        var outcome = await DispatchLeavingOffersAsync(agent);
        await Dispatcher.OffersEndedAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return outcome;
    }

    /// <summary>Dispatches for <paramref name="agent"/>, idle now, leaving the offers it made open.</summary>
    public async Task<DispatchOutcome> DispatchLeavingOffersAsync(string agent) =>
        Assert.Single(await Dispatcher.DispatchAsync([new DispatchTrigger(_center, agent, Clock.GetUtcNow())], CancellationToken.None));

    /// <summary>The vendor's hang-up for <paramref name="attemptId"/>, as events settle it.</summary>
    public Task HangUpAsync(long attemptId, CallOutcome outcome = CallOutcome.Answered) =>
        _services.GetRequiredService<AttemptSettler>().SettleAsync([new AttemptSettlement(attemptId, outcome, TalkSeconds: outcome == CallOutcome.Answered ? 60 : null)],
            Clock.GetUtcNow(), CancellationToken.None);

    public Task<DispositionAnswer> RecordAsync(string agent, long attemptId, string code, DateTimeOffset? callbackAt = null, string? note = null) =>
        Desk.RecordDispositionAsync(DialingRig.Account, agent, new Core.Dispositions.DispositionRequest(attemptId, code, callbackAt, note), CancellationToken.None);

    public long LastDialled(string agent) => Dialled[agent][^1];

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
