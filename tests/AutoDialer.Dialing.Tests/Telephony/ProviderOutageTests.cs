using System.Diagnostics;
using System.Threading.Channels;
using AutoDialer.AspNetCore;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Dialing.Telephony;
using AutoDialer.Simulation;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.InProcess;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;

namespace AutoDialer.Dialing.Tests.Telephony;

[Collection("postgres")]
public sealed class ProviderOutageTests(PostgresFixture postgres)
{
    private const double Speed = 600;
    private const int Budget = 3;

    /// <summary>
    /// A provider outage: every make-call is refused by the vendor (its generic "外呼失败") until the test ends the outage.
    /// The make-call circuit must open and dispatch pause — the provider stops being asked and contacts stop spending
    /// budget — and after recovery plus the break duration dialling resumes and the campaign finishes.
    /// </summary>
    [Fact]
    public async Task Provider_outage_opens_the_breaker_pauses_dispatch_and_dialling_resumes_after()
    {
        var db = await postgres.CreateDatabaseAsync("outage");
        await DialingRig.InstallAttemptWitnessAsync(db);
        var options = new SimulatorOptions
        {
            AccountId = DialingRig.Account,
            AgentCount = 20,
            Seed = 5,
            WrapUpTime = DurationDistribution.Fixed(TimeSpan.FromSeconds(10)),
        };
        var campaign = await DialingRig.CreateRunningCampaignAsync(db, "outage", contacts: 300, DialingRig.Settings(options.ResolveAgentIds(), Budget));
        var time = new AcceleratedTimeProvider(Speed);
        await using var simulator = new SimulatedCallCenter(options, time);
        var provider = new FlakyCallCenter(simulator);
        await using var host = await DialingRig.StartHostAsync(postgres.ConnectionStringOf(db), "node-outage", time, s => s.AddSingleton<ICallCenter>(provider), d =>
        {
            d.StaleAfter = TimeSpan.FromMinutes(10);
            d.MakeCallTimeout = TimeSpan.FromSeconds(2) * Speed;
            d.ReadTimeout = TimeSpan.FromSeconds(2) * Speed;
            // Simulated time (×600): a 1 s sampling window and a 6 s break in wall time.
            d.Resilience.Breaker.FailureRatio = 0.5;
            d.Resilience.Breaker.MinimumThroughput = 10;
            d.Resilience.Breaker.SamplingDuration = TimeSpan.FromMinutes(10);
            d.Resilience.Breaker.BreakDuration = TimeSpan.FromMinutes(60);
        });
        var resilience = host.Services.GetRequiredService<ProviderResiliences>();
        var health = host.Services.GetRequiredService<IProviderHealth>();

        // Healthy first: some calls go through.
        await DialingRig.UntilAsync(db, campaign, p => p.Outcomes.GetValueOrDefault("answered") >= 20, TimeSpan.FromSeconds(60), "20 answered calls");
        Assert.Equal(CircuitState.Closed, resilience.For(DialingRig.Account).MakeCallCircuitState);

        provider.Outage = true;
        var opened = Stopwatch.StartNew();
        while (!resilience.For(DialingRig.Account).DispatchPaused)
        {
            Assert.True(opened.Elapsed < TimeSpan.FromSeconds(20), $"the make-call circuit did not open; {provider.Refused} make-calls refused so far");
            await Task.Delay(20);
        }
        Assert.Equal(CircuitState.Open, resilience.For(DialingRig.Account).MakeCallCircuitState);
        var circuit = Assert.Single(health.Circuits(), c => c.ProviderAccount == DialingRig.Account);
        Assert.True(circuit.Open);
        var refusedWhenOpened = provider.Refused;
        Assert.InRange(refusedWhenOpened, 5, 200);

        // While the outage lasts, dispatch stays paused. This window is a deliberate fixed wait: what is asserted is that
        // nothing happens during it. 3 s is well below the 6 s break, so not even a half-open probe is due; without the
        // breaker, 20 agents with instant refusals would burn through hundreds of attempts in that time.
        var budgetAtOpen = await BudgetSpentAsync(db, campaign);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var refusedDuringPause = provider.Refused - refusedWhenOpened;
        var budgetDuringPause = await BudgetSpentAsync(db, campaign) - budgetAtOpen;
        Assert.True(refusedDuringPause <= 20, $"{refusedDuringPause} make-calls reached the provider while the circuit was open");
        Assert.True(budgetDuringPause <= 20, $"{budgetDuringPause} attempts of budget were spent while the circuit was open");
        Assert.True(resilience.For(DialingRig.Account).DispatchPaused);
        var exhaustedByOutage = await ContactsFailedOutAsync(db, campaign);
        Assert.True(exhaustedByOutage < 30, $"{exhaustedByOutage} contacts spent their whole budget on the outage");

        // Recovery: after the break a probe succeeds, the circuit closes and the campaign runs to the end.
        var answeredAtRecovery = (await new PostgreSql.Campaigns.DialingProgressQuery(db).ReadAsync(campaign)).Outcomes.GetValueOrDefault("answered");
        provider.Outage = false;
        await DialingRig.UntilAsync(db, campaign, p => p.Outcomes.GetValueOrDefault("answered") >= answeredAtRecovery + 20, TimeSpan.FromSeconds(30),
            "dialling resumed after the outage");
        Assert.Equal(CircuitState.Closed, resilience.For(DialingRig.Account).MakeCallCircuitState);
        Assert.False(Assert.Single(health.Circuits(), c => c.ProviderAccount == DialingRig.Account).Open);
        await DialingRig.UntilAsync(db, campaign, p => p.Finished, TimeSpan.FromSeconds(90), "campaign finished");
        await host.StopAsync();

        await DialingRig.AssertFinishedCleanlyAsync(db, campaign, Budget);
        await DialingRig.AssertEveryMakeCallOnceAsync(db, provider.MakeCallCounts);
    }

    private static async Task<long> BudgetSpentAsync(Npgsql.NpgsqlDataSource db, long campaign)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("select coalesce(sum(attempts), 0) from contacts where campaign_id = @campaign", new { campaign });
    }

    private static async Task<long> ContactsFailedOutAsync(Npgsql.NpgsqlDataSource db, long campaign)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            "select count(*) from contacts where campaign_id = @campaign and state = 'done' and last_outcome = 'failed'", new { campaign });
    }

    /// <summary>
    /// The simulator behind a switch: during an outage every make-call is refused as the vendor refuses it (nothing is
    /// dialled); reads and events stay healthy, so only the make-call circuit is at stake. Counts every make-call
    /// request by business id, refused or not: the witness that nothing was sent twice.
    /// </summary>
    private sealed class FlakyCallCenter(SimulatedCallCenter inner) : ICallCenter
    {
        private readonly Dictionary<string, int> requests = new(StringComparer.Ordinal);
        private int refused;

        public volatile bool Outage;
        public int Refused => Volatile.Read(ref refused);

        public IReadOnlyDictionary<string, int> MakeCallCounts
        {
            get { lock (requests) return new Dictionary<string, int>(requests); }
        }

        public string AccountId => inner.AccountId;
        public string Provider => inner.Provider;
        public ChannelReader<CallCenterEvent> Events => inner.Events;

        public IAgentSession? FindSession(string agentId) => inner.FindSession(agentId) is { } session ? new Session(this, session) : null;

        public Task<VendorResult<IReadOnlyList<AgentStatus>>> GetOtherAgentsAsync(string? state, CancellationToken cancellationToken) =>
            inner.GetOtherAgentsAsync(state, cancellationToken);

        private sealed class Session(FlakyCallCenter owner, IAgentSession inner) : IAgentSession
        {
            public string AgentId => inner.AgentId;

            public Task<VendorResult<MakeCallAccepted>> MakeCallAsync(MakeCallRequest request, CancellationToken cancellationToken)
            {
                lock (owner.requests) owner.requests[request.BusinessId] = owner.requests.GetValueOrDefault(request.BusinessId) + 1;
                if (!owner.Outage)
                    return inner.MakeCallAsync(request, cancellationToken);
                Interlocked.Increment(ref owner.refused);
                return Task.FromResult(VendorResult<MakeCallAccepted>.Failure(SimulatorCodes.Fault, SimulatorCodes.FaultMessage));
            }

            public Task<VendorResult> HangupAsync(string callId, CancellationToken cancellationToken) => inner.HangupAsync(callId, cancellationToken);
            public Task<VendorResult> SetAgentStateAsync(AgentState state, string? subState, CancellationToken cancellationToken) =>
                inner.SetAgentStateAsync(state, subState, cancellationToken);
            public Task<VendorResult<NumberSourceList>> GetNumberPoolAndSpNumAsync(NumberSourceType type, CancellationToken cancellationToken) =>
                inner.GetNumberPoolAndSpNumAsync(type, cancellationToken);
            public Task<VendorResult> SetSpNumberPoolNumAsync(NumberSourceType type, string id, CancellationToken cancellationToken) =>
                inner.SetSpNumberPoolNumAsync(type, id, cancellationToken);
            public Task<VendorResult<ProviderState>> GetStateAsync(CancellationToken cancellationToken) => inner.GetStateAsync(cancellationToken);
        }
    }
}
