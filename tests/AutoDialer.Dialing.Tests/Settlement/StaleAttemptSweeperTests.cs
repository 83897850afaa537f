using System.Globalization;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.Dialing.Settlement;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.PostgreSql.Settlement;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
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

    private static async Task<long> LeaseAsync(NpgsqlDataSource db, TimeSpan age)
    {
        await using (var connection = await db.OpenConnectionAsync())
            await connection.ExecuteAsync("update contacts set next_due_at = now() - interval '1 day'");
        var store = new DispatchStore(db, new CampaignSettingsCache());
        var campaign = Assert.Single(await store.RunningCampaignsAsync(CancellationToken.None));
        var lease = Assert.Single(await Dispatcher.LeaseAsync(store, campaign, FrequencyCaps.Default, DialingRig.Account, ["agent-1"], "test",
            DateTimeOffset.UtcNow - age, CancellationToken.None));
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
