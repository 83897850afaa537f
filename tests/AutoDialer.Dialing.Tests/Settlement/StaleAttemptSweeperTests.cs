using System.Globalization;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.Dialing.Settlement;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.PostgreSql.Settlement;
using AutoDialer.Telephony.Bridge;
using AutoDialer.Telephony.Udesk;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NSubstitute;

namespace AutoDialer.Dialing.Tests.Settlement;

/// <summary>
/// "Could not ask" is not "no call": the sweeper settles an attempt as unknown only when the provider answered that the
/// call is gone, or when the attempt is older than the maximum age; and never over an outcome that arrived meanwhile.
/// </summary>
[Collection("postgres")]
public sealed class StaleAttemptSweeperTests(PostgresFixture postgres)
{
    private static readonly ProviderState IdleAgent = new("idle", null, "idle", "voip", null, null, null, null, null, null);

    [Fact]
    public async Task An_attempt_whose_agent_has_no_session_here_is_left_live_until_the_maximum_age()
    {
        var (db, center, _) = await ArrangeAsync("sweep_no_session", session: null);
        var attempt = await LeaseAsync(db, age: TimeSpan.FromMinutes(10));

        Assert.Equal(0, await SweepAsync(db, center));
        Assert.Null(await OutcomeAsync(db, attempt));
    }

    [Fact]
    public async Task An_attempt_whose_agent_could_not_be_asked_is_left_live()
    {
        var session = Substitute.For<IAgentSession>();
        session.GetStateAsync(default).ReturnsForAnyArgs(VendorResult<ProviderState>.Timeout());
        var (db, center, _) = await ArrangeAsync("sweep_no_answer", session);
        var attempt = await LeaseAsync(db, age: TimeSpan.FromMinutes(10));

        Assert.Equal(0, await SweepAsync(db, center));
        Assert.Null(await OutcomeAsync(db, attempt));
    }

    [Fact]
    public async Task An_attempt_the_provider_no_longer_has_is_settled_as_unknown()
    {
        var session = Substitute.For<IAgentSession>();
        session.GetStateAsync(default).ReturnsForAnyArgs(VendorResult<ProviderState>.Success(IdleAgent));
        var (db, center, _) = await ArrangeAsync("sweep_gone", session);
        var attempt = await LeaseAsync(db, age: TimeSpan.FromMinutes(10));

        Assert.Equal(1, await SweepAsync(db, center));
        Assert.Equal("unknown", await OutcomeAsync(db, attempt));
    }

    [Fact]
    public async Task An_attempt_still_in_progress_at_the_provider_is_left_live()
    {
        var session = Substitute.For<IAgentSession>();
        var (db, center, _) = await ArrangeAsync("sweep_ongoing", session);
        var attempt = await LeaseAsync(db, age: TimeSpan.FromMinutes(10));
        session.GetStateAsync(default).ReturnsForAnyArgs(VendorResult<ProviderState>.Success(
            IdleAgent with { CurState = "busy", CallID = "c-1", UserData = attempt.ToString(CultureInfo.InvariantCulture) }));

        Assert.Equal(0, await SweepAsync(db, center));
        Assert.Null(await OutcomeAsync(db, attempt));
    }

    [Fact]
    public async Task An_attempt_older_than_the_maximum_age_is_settled_as_unknown_though_nobody_could_be_asked()
    {
        var (db, center, _) = await ArrangeAsync("sweep_max_age", session: null);
        var attempt = await LeaseAsync(db, age: TimeSpan.FromHours(3));

        Assert.Equal(1, await SweepAsync(db, center));
        Assert.Equal("unknown", await OutcomeAsync(db, attempt));
    }

    [Fact]
    public async Task A_lease_never_sent_whose_node_is_gone_is_given_back_at_once_with_its_budget()
    {
        var (db, center, _) = await ArrangeAsync("sweep_never_sent", session: null);
        // Leased by node "test", which renews nothing in the cluster's directory (dead), 10 s ago, and never marked.
        var attempt = await LeaseAsync(db, age: TimeSpan.FromSeconds(10), sentOnSession: null);

        await SweepAsync(db, center);

        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("select count(*) from attempts where id = @attempt", new { attempt }));
        Assert.Equal(("pending", 0), await connection.QuerySingleAsync<(string, int)>("select state, attempts from contacts"));
    }

    [Fact]
    public async Task A_make_call_whose_page_says_it_never_reached_the_sdk_is_given_back_as_not_dialled()
    {
        var session = Substitute.For<IAgentSession>();
        session.GetStateAsync(default).ReturnsForAnyArgs(VendorResult<ProviderState>.Success(IdleAgent));
        session.PageSaysNeverDialled(default!, default!, default).ReturnsForAnyArgs(false);
        var (db, center, _) = await ArrangeAsync("sweep_never_dialled", session);
        var attempt = await LeaseAsync(db, age: TimeSpan.FromMinutes(10), sentOnSession: "s-1");
        session.PageSaysNeverDialled(attempt.ToString(CultureInfo.InvariantCulture), "s-1", Arg.Any<DateTimeOffset>()).Returns(true);

        Assert.Equal(1, await SweepAsync(db, center));

        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(("failed", StaleAttemptRules.NeverDialledCode), await connection.QuerySingleAsync<(string, string)>(
            "select outcome, vendor_code from attempts where id = @attempt", new { attempt }));
        Assert.Equal(("pending", 0), await connection.QuerySingleAsync<(string, int)>("select state, attempts from contacts"));
    }

    [Fact]
    public async Task A_hang_up_settled_while_the_sweeper_was_asking_is_never_overwritten()
    {
        var session = Substitute.For<IAgentSession>();
        var (db, center, services) = await ArrangeAsync("sweep_race", session);
        var attempt = await LeaseAsync(db, age: TimeSpan.FromMinutes(10));
        // While the sweeper waits for GetState, the real hang-up arrives and is settled; then the provider says "no call".
        session.GetStateAsync(default).ReturnsForAnyArgs(async _ =>
        {
            await services.GetRequiredService<AttemptSettler>().SettleAsync(
                [new AttemptSettlement(attempt, CallOutcome.Answered, RingSeconds: 5, TalkSeconds: 30)], DateTimeOffset.UtcNow, CancellationToken.None);
            return VendorResult<ProviderState>.Success(IdleAgent);
        });

        await SweepAsync(db, center);

        Assert.Equal("answered", await OutcomeAsync(db, attempt));
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal("done", await connection.ExecuteScalarAsync<string>("select c.state from contacts c join attempts a on a.contact_id = c.id where a.id = @attempt", new { attempt }));
    }

    [Fact]
    public async Task An_answered_call_whose_hang_up_was_lost_is_settled_answered_never_unknown()
    {
        var session = Substitute.For<IAgentSession>();
        session.GetStateAsync(default).ReturnsForAnyArgs(VendorResult<ProviderState>.Success(IdleAgent));
        var (db, center, _) = await ArrangeAsync("sweep_established", session);
        var attempt = await LeaseAsync(db, age: TimeSpan.FromMinutes(10));
        await StoreCallEventsAsync(db, attempt, "Originated", "Established");

        Assert.Equal(1, await SweepAsync(db, center));

        Assert.Equal("answered", await OutcomeAsync(db, attempt));
        await using var connection = await db.OpenConnectionAsync();
        // Final: the customer who answered is not called again.
        Assert.Equal(("done", "answered"), await connection.QuerySingleAsync<(string, string)>(
            "select c.state, c.last_outcome from contacts c join attempts a on a.contact_id = c.id where a.id = @attempt", new { attempt }));
    }

    [Fact]
    public async Task A_call_on_a_page_that_reconnected_is_left_live_and_its_agent_is_sent_no_new_call()
    {
        var db = await postgres.CreateDatabaseAsync("sweep_reconnected");
        await DialingRig.CreateRunningCampaignAsync(db, $"sweep-{Guid.NewGuid():N}", contacts: 2, DialingRig.Settings(["agent-1"]));
        var attempt = await LeaseAsync(db, age: TimeSpan.FromMinutes(10));
        await StoreCallEventsAsync(db, attempt, "Originated", "Established");
        // The real bridge call center: the agent's page reconnected during the call, so its session is new and has
        // heard nothing yet.
        var center = new UdeskCallCenter(new UdeskOptions { AccountId = DialingRig.Account }, new BridgeOptions(), TimeProvider.System,
            NullLogger<UdeskCallCenter>.Instance);
        center.Sessions.Connect("agent-1", new SilentPage());

        Assert.Equal(0, await SweepAsync(db, center));

        Assert.Null(await OutcomeAsync(db, attempt));
        // Still on the call: the agent is not leased the next contact.
        var store = new DispatchStore(db, new CampaignSettingsCache());
        var campaign = Assert.Single(await store.RunningCampaignsAsync(CancellationToken.None));
        Assert.Empty(await Dispatcher.LeaseAsync(store, campaign, FrequencyCaps.Default, DialingRig.Account, ["agent-1"], "test",
            DateTimeOffset.UtcNow, CancellationToken.None));
    }

    /// <summary>Stores Udesk call events of the attempt's call as the reconciler does (bound to the attempt).</summary>
    private static async Task StoreCallEventsAsync(NpgsqlDataSource db, long attempt, params string[] names)
    {
        await using var connection = await db.OpenConnectionAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-9);
        foreach (var name in names)
        {
            at = at.AddSeconds(5);
            await connection.ExecuteAsync("""
                insert into call_events (provider_account, event_id, vendor, agent_id, name, occurred_at, payload, call_id, attempt_id)
                values (@account, @eventId, 'udesk', 'agent-1', @name, @at, @payload::jsonb, 'c-1', @attempt)
                """, new
            {
                account = DialingRig.Account, eventId = $"{name}-{attempt}", name, at, attempt,
                payload = $$"""{ "Code": "0000", "Data": { "CallID": "c-1", "AgentInfo": {}, "CustomerInfo": { "Number": "15712886965" } }, "Message": "", "Visible": false }""",
            });
        }
    }

    /// <summary>A page that takes whatever is sent to it and says nothing.</summary>
    private sealed class SilentPage : IBridgeTransport
    {
        public ValueTask SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private async Task<(NpgsqlDataSource Db, ICallCenter Center, ServiceProvider Services)> ArrangeAsync(string name, IAgentSession? session)
    {
        var db = await postgres.CreateDatabaseAsync(name);
        await DialingRig.CreateRunningCampaignAsync(db, $"sweep-{Guid.NewGuid():N}", contacts: 1, DialingRig.Settings(["agent-1"]));
        var center = Substitute.For<ICallCenter>();
        center.AccountId.Returns(DialingRig.Account);
        center.FindSession("agent-1").Returns(session);
        var services = DialingRig.Services(db);
        return (db, center, services);
    }

    private static async Task<long> LeaseAsync(NpgsqlDataSource db, TimeSpan age) => await LeaseAsync(db, age, sentOnSession: "");

    /// <param name="sentOnSession">The page session its make-call was sent on ("" for none); null: never sent.</param>
    private static async Task<long> LeaseAsync(NpgsqlDataSource db, TimeSpan age, string? sentOnSession)
    {
        await using (var connection = await db.OpenConnectionAsync())
            await connection.ExecuteAsync("update contacts set next_due_at = now() - interval '1 day'");
        var store = new DispatchStore(db, new CampaignSettingsCache());
        var campaign = Assert.Single(await store.RunningCampaignsAsync(CancellationToken.None));
        var lease = Assert.Single(await Dispatcher.LeaseAsync(store, campaign, FrequencyCaps.Default, DialingRig.Account, ["agent-1"], "test",
            DateTimeOffset.UtcNow - age, CancellationToken.None));
        // Its make-call went out (marked as a dispatch marks it before sending): a lease never sent would be given back.
        if (sentOnSession is not null)
        {
            await using var connection = await db.OpenConnectionAsync();
            await connection.ExecuteAsync("update attempts set make_call_deadline = created_at + interval '10 seconds', make_call_session = nullif(@session, '') where id = @id",
                new { id = lease.AttemptId, session = sentOnSession });
        }

        return lease.AttemptId;
    }

    private static async Task<int> SweepAsync(NpgsqlDataSource db, ICallCenter center)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ICallCenter>(center);
        await using var provider = DialingRig.Services(db, services);
        return await provider.GetRequiredService<StaleAttemptSweeper>().SweepAsync(CancellationToken.None);
    }

    private static async Task<string?> OutcomeAsync(NpgsqlDataSource db, long attempt)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string?>("select outcome from attempts where id = @attempt", new { attempt });
    }
}
