using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.PostgreSql.Settlement;
using AutoDialer.Testing;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Tests.Dispatch;

/// <summary>The dial gate as the lease applies it: every fact read at dial time, none inferred from the contact's state.</summary>
[Collection("postgres")]
public sealed class DialGateLeaseTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai, a Wednesday

    [Fact]
    public async Task A_pending_contact_whose_number_is_on_the_do_not_call_list_is_never_leased_and_is_suppressed()
    {
        // How a contact gets here: it was being dialled when its number was listed, and went back to pending afterwards.
        var dataSource = await postgres.CreateDatabaseAsync("gate_dnc");
        var campaign = await DialingSeed.RunningAsync(dataSource, DialingSeed.Settings(["a1", "a2"]), contacts: 2, due: Now.AddMinutes(-5));
        await using var connection = await dataSource.OpenConnectionAsync();
        var listed = await connection.ExecuteScalarAsync<string>("select phone from contacts order by id limit 1");
        await connection.ExecuteAsync("insert into dnc (phone, source) values (@listed, 'manual')", new { listed });

        var leases = await Store(dataSource).LeaseAsync(campaign, DialingSeed.Account, ["a1", "a2"], "node", Now, CancellationToken.None);

        Assert.DoesNotContain(leases, l => l.Phone == listed);
        Assert.Single(leases);
        Assert.Equal("suppressed", await connection.ExecuteScalarAsync<string>("select state from contacts where phone = @listed", new { listed }));
        Assert.Equal(1, await Refusals(connection, "lease", DialRefusal.DoNotCall));
    }

    [Fact]
    public async Task A_budget_lowered_on_a_running_campaign_is_the_budget_the_lease_keeps()
    {
        var dataSource = await postgres.CreateDatabaseAsync("gate_budget");
        var settings = DialingSeed.Settings(["a1"]) with { Retry = new RetryPolicy { MaxAttempts = 2 } };
        var campaign = await DialingSeed.RunningAsync(dataSource, settings, contacts: 1, due: Now.AddMinutes(-5));
        await using var connection = await dataSource.OpenConnectionAsync();
        // Two attempts made under the old budget of 3; the budget is now 2.
        await connection.ExecuteAsync("update contacts set attempts = 2");

        var leases = await Store(dataSource).LeaseAsync(campaign, DialingSeed.Account, ["a1"], "node", Now, CancellationToken.None);

        Assert.Empty(leases);
        Assert.Equal("done", await connection.ExecuteScalarAsync<string>("select state from contacts"));
        Assert.Equal(1, await Refusals(connection, "lease", DialRefusal.BudgetExhausted));
    }

    [Fact]
    public async Task A_contact_that_used_today_s_attempts_waits_for_the_nightly_batch()
    {
        var dataSource = await postgres.CreateDatabaseAsync("gate_day_cap");
        var settings = DialingSeed.Settings(["a1"]) with { Retry = new RetryPolicy { MaxAttempts = 5, MaxAttemptsPerDay = 2 } };
        var campaign = await DialingSeed.RunningAsync(dataSource, settings, contacts: 1, due: Now.AddMinutes(-5));
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("update contacts set attempts = 2, attempts_today = 2");

        var leases = await Store(dataSource).LeaseAsync(campaign, DialingSeed.Account, ["a1"], "node", Now, CancellationToken.None);

        Assert.Empty(leases);
        Assert.Equal("deferred", await connection.ExecuteScalarAsync<string>("select state from contacts"));
    }

    [Fact]
    public async Task A_callee_dialled_twice_in_24_hours_by_another_campaign_is_not_dialled_until_the_first_dial_is_a_day_old()
    {
        var dataSource = await postgres.CreateDatabaseAsync("gate_frequency");
        var settings = DialingSeed.Settings(["a1"]) with { FrequencyCaps = new FrequencyCaps { Per24Hours = 2, Per7Days = 5 } };
        var first = await DialingSeed.RunningAsync(dataSource, settings, contacts: 1, due: Now.AddHours(-2));
        var second = await DialingSeed.RunningAsync(dataSource, settings with { AgentIds = ["b1"] }, contacts: 1, due: Now.AddHours(-2));
        await using var connection = await dataSource.OpenConnectionAsync();
        var phone = await connection.ExecuteScalarAsync<string>("select phone from contacts where campaign_id = @id", new { id = first.Id });
        await connection.ExecuteAsync("update contacts set phone = @phone where campaign_id = @id", new { phone, id = second.Id });
        var store = Store(dataSource);

        // The first campaign dials the callee at 09:00 and at 10:00; each call ends at once (a live call would keep the
        // second campaign away by itself: one person, one call).
        Assert.Single(await store.LeaseAsync(first, DialingSeed.Account, ["a1"], "node", Now.AddHours(-1), CancellationToken.None));
        await SettleAllAsNoAnswerAsync(connection, first.Id, due: Now.AddMinutes(-1));
        Assert.Single(await store.LeaseAsync(first, DialingSeed.Account, ["a1"], "node", Now, CancellationToken.None));
        await SettleAllAsNoAnswerAsync(connection, first.Id, due: Now.AddDays(7));

        var refused = await store.LeaseAsync(second, DialingSeed.Account, ["b1"], "node", Now.AddMinutes(1), CancellationToken.None);
        var stillCapped = await store.LeaseAsync(second, DialingSeed.Account, ["b1"], "node", Now.AddHours(22), CancellationToken.None);
        var freed = await store.LeaseAsync(second, DialingSeed.Account, ["b1"], "node", Now.AddHours(23).AddMinutes(1), CancellationToken.None);

        Assert.Empty(refused);
        Assert.Empty(stillCapped);
        Assert.Single(freed);
        // Refused once: the refusal made the contact due when the cap frees up, so it was not even looked at before then.
        Assert.Equal(1, await Refusals(connection, "lease", DialRefusal.FrequencyCap, second.Id));
        Assert.Equal(Now.AddHours(23).UtcDateTime,
            await connection.ExecuteScalarAsync<DateTime>("select next_due_at from attempts a join contacts c on c.id = a.contact_id where a.campaign_id = @id", new { id = second.Id }));
    }

    [Fact]
    public async Task The_same_caller_number_calls_one_callee_at_most_the_capped_number_of_times_a_day()
    {
        var dataSource = await postgres.CreateDatabaseAsync("gate_caller_cap");
        var settings = DialingSeed.Settings(["a1"], [new CallerNumber("only", "+862161230009", "021")]) with
        {
            FrequencyCaps = new FrequencyCaps { PerCallerNumberPer24Hours = 1 },
            Retry = new RetryPolicy { MaxAttempts = 3, MaxAttemptsPerDay = 3 },
        };
        var campaign = await DialingSeed.RunningAsync(dataSource, settings, contacts: 1, due: Now.AddMinutes(-5));
        await using var connection = await dataSource.OpenConnectionAsync();
        var store = Store(dataSource);

        Assert.Single(await store.LeaseAsync(campaign, DialingSeed.Account, ["a1"], "node", Now, CancellationToken.None));
        await SettleAllAsNoAnswerAsync(connection, campaign.Id, due: Now);

        Assert.Empty(await store.LeaseAsync(campaign, DialingSeed.Account, ["a1"], "node", Now.AddHours(1), CancellationToken.None));
        Assert.Equal(Now.AddHours(24).UtcDateTime, await connection.ExecuteScalarAsync<DateTime>("select next_due_at from contacts"));
    }

    [Fact]
    public async Task A_call_refused_before_anything_rang_does_not_count_toward_the_callee_s_frequency_caps()
    {
        var dataSource = await postgres.CreateDatabaseAsync("gate_not_dialled");
        var settings = DialingSeed.Settings(["a1"]) with { FrequencyCaps = new FrequencyCaps { Per24Hours = 1 } };
        var campaign = await DialingSeed.RunningAsync(dataSource, settings, contacts: 1, due: Now.AddMinutes(-5));
        var store = Store(dataSource);
        var lease = Assert.Single(await store.LeaseAsync(campaign, DialingSeed.Account, ["a1"], "node", Now, CancellationToken.None));

        // The agent turned out busy: the attempt is given back.
        await new SettlementStore(dataSource, new CampaignSettingsCache()).SettleAsync(
            [new AttemptSettlement(lease.AttemptId, CallOutcome.Failed, VendorCode: "AD-AGENT-NOT-IDLE", NotDialled: true)], Now, CancellationToken.None);

        Assert.Single(await store.LeaseAsync(campaign, DialingSeed.Account, ["a1"], "node", Now.AddMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task A_contact_due_on_a_national_holiday_waits_as_holiday_until_the_break_is_over()
    {
        // 2026-10-02 10:00 in Shanghai: National Day runs 10-01 to 10-07. Open all day, every day, following the calendar.
        var now = new DateTimeOffset(2026, 10, 2, 2, 0, 0, TimeSpan.Zero);
        var dataSource = await postgres.CreateDatabaseAsync("gate_holiday");
        var settings = DialingSeed.Settings(["a1"]);
        var seeded = await DialingSeed.RunningAsync(dataSource, settings with { Schedule = settings.Schedule with { HolidayCalendarId = "cn" } },
            contacts: 1, due: now.AddMinutes(-5));
        await using var connection = await dataSource.OpenConnectionAsync();
        var store = Store(dataSource);
        // As the dispatcher has it: read with its settings, which carry the calendar's data.
        var campaign = Assert.Single(await store.RunningCampaignsAsync(CancellationToken.None), c => c.Id == seeded.Id);

        var leases = await store.LeaseAsync(campaign, DialingSeed.Account, ["a1"], "node", now, CancellationToken.None);

        Assert.Empty(leases);
        var contact = await connection.QuerySingleAsync<(string state, string wait_reason, DateTime next_due_at)>("select state, wait_reason, next_due_at from contacts");
        Assert.Equal(("pending", "holiday"), (contact.state, contact.wait_reason));
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 0, 0, 0, TimeSpan.FromHours(8)).UtcDateTime, contact.next_due_at.ToUniversalTime());
        Assert.Equal(1, await Refusals(connection, "lease", DialRefusal.Holiday));
    }

    private static DispatchStore Store(NpgsqlDataSource dataSource) => new(dataSource, new CampaignSettingsCache());

    private static async Task SettleAllAsNoAnswerAsync(NpgsqlConnection connection, long campaignId, DateTimeOffset due)
    {
        await connection.ExecuteAsync("""
            update attempts set status = 'settled', outcome = 'no_answer', settled_at = now() where campaign_id = @campaignId and settled_at is null;
            update contacts set state = 'pending', next_due_at = @due where campaign_id = @campaignId;
            """, new { campaignId, due = due.ToUniversalTime() });
    }

    private static Task<long> Refusals(NpgsqlConnection connection, string stage, DialRefusal reason, long? campaignId = null) =>
        connection.ExecuteScalarAsync<long>("""
            select coalesce(sum(refusals), 0)::bigint from dial_gate_refusals
            where stage = @stage and reason = @reason and (@campaignId::bigint is null or campaign_id = @campaignId)
            """, new { stage, reason = reason.ToName(), campaignId });
}
