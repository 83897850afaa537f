using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.DoNotCall;
using AutoDialer.PostgreSql.Settlement;
using AutoDialer.Testing;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Tests.Settlement;

/// <summary>
/// The settlement rules that need the store to read the right facts in its one locked read: what an attempt and its
/// contact look like at the moment of the write, and whether the number is on the do-not-call list. The rules
/// themselves are table-tested in Core (SettlementRulesTests).
/// </summary>
[Collection("postgres")]
public sealed class SettlementStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai

    [Theory]
    [InlineData(CallOutcome.Answered)]
    [InlineData(CallOutcome.NoAnswer)]
    internal async Task Unknown_never_replaces_a_known_outcome(CallOutcome known)
    {
        var (dataSource, contactId) = await OneContactAsync("unknown_after_known");
        await using var connection = await dataSource.OpenConnectionAsync();
        var store = new SettlementStore(dataSource, new CampaignSettingsCache());
        var attemptId = await DialAsync(connection, contactId);
        await store.SettleAsync([new AttemptSettlement(attemptId, known, 3, 10)], Now, CancellationToken.None);
        var before = await ContactAsync(connection, contactId);

        var settled = await store.SettleAsync([new AttemptSettlement(attemptId, CallOutcome.Unknown, VendorCode: "AD-STALE")], Now.AddMinutes(40), CancellationToken.None);

        Assert.Equal((known.ToName(), before), (await OutcomeAsync(connection, attemptId), await ContactAsync(connection, contactId)));
        Assert.Equal(0, settled);
    }

    [Fact]
    public async Task A_real_hang_up_after_the_sweeper_revises_unknown_and_counts_toward_the_caller_numbers_answer_rate()
    {
        var (dataSource, contactId) = await OneContactAsync("known_after_unknown");
        await using var connection = await dataSource.OpenConnectionAsync();
        var store = new SettlementStore(dataSource, new CampaignSettingsCache());
        var attemptId = await DialAsync(connection, contactId);
        await store.SettleAsync([new AttemptSettlement(attemptId, CallOutcome.Unknown) { OnlyIfLive = true }], Now, CancellationToken.None);

        await store.SettleAsync([new AttemptSettlement(attemptId, CallOutcome.Answered, 3, 10)], Now.AddMinutes(1), CancellationToken.None);

        Assert.Equal("answered", await OutcomeAsync(connection, attemptId));
        Assert.Equal("done", (await ContactAsync(connection, contactId)).State);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select answered_total from caller_numbers where id = 'trunk-1'"));
    }

    [Fact]
    public async Task A_late_revision_leaves_a_suppressed_contact_suppressed()
    {
        var (dataSource, contactId) = await OneContactAsync("revise_suppressed");
        await using var connection = await dataSource.OpenConnectionAsync();
        var store = new SettlementStore(dataSource, new CampaignSettingsCache());
        var attemptId = await DialAsync(connection, contactId);
        await store.SettleAsync([new AttemptSettlement(attemptId, CallOutcome.NoAnswer)], Now, CancellationToken.None);
        await new DoNotCallList(dataSource).AddAsync([await PhoneAsync(connection, contactId)]);
        Assert.Equal("suppressed", (await ContactAsync(connection, contactId)).State);

        await store.SettleAsync([new AttemptSettlement(attemptId, CallOutcome.Busy)], Now.AddMinutes(1), CancellationToken.None);

        Assert.Equal(("busy", "suppressed"), (await OutcomeAsync(connection, attemptId), (await ContactAsync(connection, contactId)).State));
    }

    [Fact]
    public async Task A_contact_suppressed_during_its_call_stays_suppressed_when_the_call_settles()
    {
        var (dataSource, contactId) = await OneContactAsync("settle_suppressed");
        await using var connection = await dataSource.OpenConnectionAsync();
        var store = new SettlementStore(dataSource, new CampaignSettingsCache());
        var attemptId = await DialAsync(connection, contactId);
        await connection.ExecuteAsync("update contacts set state = 'suppressed' where id = @contactId", new { contactId });

        await store.SettleAsync([new AttemptSettlement(attemptId, CallOutcome.NoAnswer)], Now, CancellationToken.None);

        Assert.Equal(("no_answer", "suppressed"), (await OutcomeAsync(connection, attemptId), (await ContactAsync(connection, contactId)).State));
    }

    [Fact]
    public async Task A_revision_never_reopens_a_contact_that_was_leased_again()
    {
        var (dataSource, contactId) = await OneContactAsync("revise_after_lease");
        await using var connection = await dataSource.OpenConnectionAsync();
        var store = new SettlementStore(dataSource, new CampaignSettingsCache());
        var first = await DialAsync(connection, contactId);
        await store.SettleAsync([new AttemptSettlement(first, CallOutcome.NoAnswer)], Now, CancellationToken.None);
        var second = await DialAsync(connection, contactId);

        await store.SettleAsync([new AttemptSettlement(first, CallOutcome.Busy)], Now.AddMinutes(1), CancellationToken.None);
        Assert.Equal("dialing", (await ContactAsync(connection, contactId)).State);

        // Second attempt of the day with the default cap of 2: the nightly batch takes the contact from here.
        await store.SettleAsync([new AttemptSettlement(second, CallOutcome.NoAnswer)], Now.AddMinutes(2), CancellationToken.None);
        await store.SettleAsync([new AttemptSettlement(first, CallOutcome.Answered, 3, 10)], Now.AddMinutes(3), CancellationToken.None);

        Assert.Equal(("answered", "deferred"), (await OutcomeAsync(connection, first), (await ContactAsync(connection, contactId)).State));
    }

    [Fact]
    public async Task A_settlement_only_if_live_settles_a_live_attempt_and_leaves_a_settled_one_alone()
    {
        var (dataSource, contactId) = await OneContactAsync("only_if_live");
        await using var connection = await dataSource.OpenConnectionAsync();
        var store = new SettlementStore(dataSource, new CampaignSettingsCache());
        var attemptId = await DialAsync(connection, contactId);

        Assert.Equal(1, await store.SettleAsync([new AttemptSettlement(attemptId, CallOutcome.NoAnswer) { OnlyIfLive = true }], Now, CancellationToken.None));
        // A known outcome, so that only OnlyIfLive (not "unknown never replaces a known outcome") can keep it out.
        Assert.Equal(0, await store.SettleAsync([new AttemptSettlement(attemptId, CallOutcome.Failed) { OnlyIfLive = true }], Now, CancellationToken.None));

        Assert.Equal("no_answer", await OutcomeAsync(connection, attemptId));
    }

    [Fact]
    public async Task A_settlement_only_if_live_that_waited_for_the_attempt_row_skips_it_when_the_holder_settled_it()
    {
        var (dataSource, contactId) = await OneContactAsync("only_if_live_race");
        await using var connection = await dataSource.OpenConnectionAsync();
        var store = new SettlementStore(dataSource, new CampaignSettingsCache());
        var attemptId = await DialAsync(connection, contactId);

        // The reconciler settles the attempt while the sweeper, which read it as live, is already on its way.
        await using var holder = await dataSource.OpenConnectionAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("update attempts set status = 'settled', outcome = 'answered', settled_at = @now where id = @attemptId",
            new { attemptId, now = Now.UtcDateTime }, transaction);
        var sweep = store.SettleAsync([new AttemptSettlement(attemptId, CallOutcome.Failed) { OnlyIfLive = true }], Now, CancellationToken.None);
        await WaitUntilSomeoneWaitsForALockAsync(connection);
        await transaction.CommitAsync();

        Assert.Equal(0, await sweep);
        Assert.Equal("answered", await OutcomeAsync(connection, attemptId));
    }

    [Theory]
    [InlineData(CallOutcome.NoAnswer, "suppressed")]
    [InlineData(CallOutcome.Busy, "suppressed")]
    // Done is final and says nothing about dialling again: it stays the truer record.
    [InlineData(CallOutcome.Answered, "done")]
    internal async Task A_contact_whose_number_went_on_the_do_not_call_list_during_its_call_is_never_made_pending_again(CallOutcome outcome, string state)
    {
        var (dataSource, contactId) = await OneContactAsync("dnc_during_call");
        await using var connection = await dataSource.OpenConnectionAsync();
        var store = new SettlementStore(dataSource, new CampaignSettingsCache());
        var attemptId = await DialAsync(connection, contactId);
        await new DoNotCallList(dataSource).AddAsync([await PhoneAsync(connection, contactId)]);

        await store.SettleAsync([new AttemptSettlement(attemptId, outcome)], Now, CancellationToken.None);

        Assert.Equal(state, (await ContactAsync(connection, contactId)).State);
    }

    [Fact]
    public async Task A_contact_not_dialled_because_of_the_provider_is_suppressed_if_its_number_is_on_the_do_not_call_list()
    {
        var (dataSource, contactId) = await OneContactAsync("dnc_not_dialled");
        await using var connection = await dataSource.OpenConnectionAsync();
        var store = new SettlementStore(dataSource, new CampaignSettingsCache());
        var attemptId = await DialAsync(connection, contactId);
        await new DoNotCallList(dataSource).AddAsync([await PhoneAsync(connection, contactId)]);

        await store.SettleAsync([new AttemptSettlement(attemptId, CallOutcome.Failed, NotDialled: true)], Now, CancellationToken.None);

        // Still refunded: the call never happened.
        var contact = await ContactAsync(connection, contactId);
        Assert.Equal(("suppressed", 0), (contact.State, contact.Attempts));
    }

    [Fact]
    public async Task A_vendor_blacklist_suppresses_the_number_in_every_campaign_including_contacts_being_dialled()
    {
        var dataSource = await postgres.CreateDatabaseAsync("blacklist_everywhere");
        await using var connection = await dataSource.OpenConnectionAsync();
        var store = new SettlementStore(dataSource, new CampaignSettingsCache());
        var dialledHere = await ContactOfNewCampaignAsync(dataSource, connection);
        var dialledElsewhere = await ContactOfNewCampaignAsync(dataSource, connection);
        var waitingElsewhere = await ContactOfNewCampaignAsync(dataSource, connection);
        var phone = await PhoneAsync(connection, dialledHere);
        await connection.ExecuteAsync("update contacts set phone = @phone", new { phone });
        var here = await DialAsync(connection, dialledHere);
        var elsewhere = await DialAsync(connection, dialledElsewhere);

        await store.SettleAsync([new AttemptSettlement(here, CallOutcome.Blacklisted, VendorCode: "blacklist")], Now, CancellationToken.None);

        Assert.True(await new DoNotCallList(dataSource).ContainsAsync(phone));
        Assert.Equal(("done", "dialing", "suppressed"), (
            (await ContactAsync(connection, dialledHere)).State,
            (await ContactAsync(connection, dialledElsewhere)).State,
            (await ContactAsync(connection, waitingElsewhere)).State));

        await store.SettleAsync([new AttemptSettlement(elsewhere, CallOutcome.NoAnswer)], Now.AddMinutes(1), CancellationToken.None);

        Assert.Equal("suppressed", (await ContactAsync(connection, dialledElsewhere)).State);
    }

    private async Task<(NpgsqlDataSource DataSource, long ContactId)> OneContactAsync(string name)
    {
        var dataSource = await postgres.CreateDatabaseAsync(name);
        await using var connection = await dataSource.OpenConnectionAsync();
        return (dataSource, await ContactOfNewCampaignAsync(dataSource, connection));
    }

    private static async Task<long> ContactOfNewCampaignAsync(NpgsqlDataSource dataSource, NpgsqlConnection connection)
    {
        var campaign = await DialingSeed.RunningAsync(dataSource, DialingSeed.Settings(["a1"]), contacts: 1, due: Now.AddMinutes(-5));
        return await connection.ExecuteScalarAsync<long>("select id from contacts where campaign_id = @id", new { id = campaign.Id });
    }

    /// <summary>Writes what a lease writes for one contact: the contact is dialling, an attempt is live on trunk-1.</summary>
    private static async Task<long> DialAsync(NpgsqlConnection connection, long contactId) =>
        await connection.ExecuteScalarAsync<long>("""
            with c as (
                update contacts set state = 'dialing', attempts = attempts + 1, attempts_today = attempts_today + 1
                where id = @contactId returning id, campaign_id, phone)
            insert into attempts (campaign_id, contact_id, provider_account, agent_id, phone, dial_string, caller_number_id, node, created_at)
            select campaign_id, id, @account, 'a1', phone, phone, 'trunk-1', 'node', @now from c
            returning id
            """, new { contactId, account = DialingSeed.Account, now = Now.UtcDateTime });

    private static async Task<string?> OutcomeAsync(NpgsqlConnection connection, long attemptId) =>
        await connection.ExecuteScalarAsync<string?>("select outcome from attempts where id = @attemptId", new { attemptId });

    private static async Task<string> PhoneAsync(NpgsqlConnection connection, long contactId) =>
        await connection.ExecuteScalarAsync<string>("select phone from contacts where id = @contactId", new { contactId }) ?? "";

    private static async Task<(string State, DateTime Due, int Attempts, string? LastOutcome)> ContactAsync(NpgsqlConnection connection, long contactId) =>
        await connection.QuerySingleAsync<(string, DateTime, int, string?)>(
            "select state, next_due_at, attempts, last_outcome from contacts where id = @contactId", new { contactId });

    private static async Task WaitUntilSomeoneWaitsForALockAsync(NpgsqlConnection connection)
    {
        for (var i = 0; i < 3000; i++) // up to 30 s: the machine may be busy
        {
            if (await connection.ExecuteScalarAsync<bool>(
                    "select exists (select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock')"))
                return;
            await Task.Delay(10);
        }
        throw new TimeoutException("The settlement never waited for the attempt's row lock.");
    }
}
