using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Nightly;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.Dialing.Tests.Nightly;

/// <summary>The nightly retry batch on real PostgreSQL, with the day's state seeded directly in SQL.</summary>
[Collection("postgres")]
public sealed class NightlyRetryBatchTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Running_the_batch_twice_for_the_same_day_changes_nothing_the_second_time()
    {
        var db = await postgres.CreateDatabaseAsync("nightly_twice");
        var campaign = await DialingRig.CreateRunningCampaignAsync(db, "nightly-twice", contacts: 12, DialingRig.Settings(["agent-001"], maxAttempts: 3));
        var day = new DateOnly(2025, 3, 3);
        var dayStart = new DateTimeOffset(2025, 3, 3, 1, 0, 0, TimeSpan.Zero); // 09:00 in Shanghai
        await SeedDayAsync(db, campaign, dayStart);

        var batch = new NightlyRetryBatch(db, new CampaignSettingsCache());
        var before = await SnapshotAsync(db, campaign);

        var first = await batch.RunAsync(campaign, day, CancellationToken.None);
        Assert.False(first.AlreadyClosed);
        Assert.Equal(4, first.Rescheduled);
        Assert.Equal(3, first.Finalised);
        var afterFirst = await SnapshotAsync(db, campaign);
        Assert.NotEqual(before, afterFirst);
        await using (var connection = await db.OpenConnectionAsync())
        {
            // The first run did what it should: rescheduled into the next opening (the schedule is always open → the
            // next day's local midnight), finalised the exhausted, reset every per-day count, and wrote one report row.
            var states = (await connection.QueryAsync<(string state, long n)>(
                "select state, count(*) from contacts where campaign_id = @campaign group by state", new { campaign })).ToDictionary(s => s.state, s => s.n);
            Assert.Equal(0, states.GetValueOrDefault("deferred"));
            Assert.Equal(5, states.GetValueOrDefault("done"));
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from contacts where campaign_id = @campaign and attempts_today <> 0", new { campaign }));
            var nextOpening = new DateTimeOffset(2025, 3, 4, 0, 0, 0, TimeSpan.FromHours(8)).UtcDateTime;
            Assert.Equal(4, await connection.ExecuteScalarAsync<long>(
                "select count(*) from contacts where campaign_id = @campaign and state = 'pending' and next_due_at = @nextOpening",
                new { campaign, nextOpening }));
            var report = await connection.QuerySingleAsync<string>(
                "select report::text from daily_reports where campaign_id = @campaign and day = @day", new { campaign, day });
            Assert.Contains("\"dials\":4", report.Replace(" ", ""));
            Assert.Contains("\"rescheduled\":4", report.Replace(" ", ""));
        }

        var second = await batch.RunAsync(campaign, day, CancellationToken.None);
        Assert.True(second.AlreadyClosed);
        Assert.Equal(0, second.Rescheduled);
        Assert.Equal(0, second.Finalised);
        Assert.Equal(afterFirst, await SnapshotAsync(db, campaign));
        await using (var connection = await db.OpenConnectionAsync())
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("select count(*) from daily_reports where campaign_id = @campaign", new { campaign }));

        // Concurrently on two "nodes" for the next day: exactly one closes it.
        var next = day.AddDays(1);
        var racing = await Task.WhenAll(
            batch.RunAsync(campaign, next, CancellationToken.None),
            new NightlyRetryBatch(db, new CampaignSettingsCache()).RunAsync(campaign, next, CancellationToken.None));
        Assert.Equal(1, racing.Count(r => !r.AlreadyClosed));
    }

    [Fact]
    public async Task A_batch_interrupted_midway_is_finished_by_the_next_run_with_exact_counts()
    {
        var db = await postgres.CreateDatabaseAsync("nightly_resume");
        var campaign = await DialingRig.CreateRunningCampaignAsync(db, "nightly-resume", contacts: 12, DialingRig.Settings(["agent-001"], maxAttempts: 3));
        var day = new DateOnly(2025, 3, 3);
        var contacts = await SeedDayAsync(db, campaign, new DateTimeOffset(2025, 3, 3, 1, 0, 0, TimeSpan.Zero));
        await using (var connection = await db.OpenConnectionAsync())
        {
            // What a run that died after its first chunk leaves: the day claimed, not closed, two contacts moved and counted.
            await connection.ExecuteAsync("""
                insert into daily_reports (campaign_id, day, report, rescheduled) values (@campaign, @day, '{}', 2);
                update contacts set state = 'pending', attempts_today = 0, next_due_at = next_due_at + interval '1 day' where id = any(@moved);
                """, new { campaign, day, moved = contacts[..2] });
        }

        var resumed = await new NightlyRetryBatch(db, new CampaignSettingsCache()).RunAsync(campaign, day, CancellationToken.None);

        Assert.False(resumed.AlreadyClosed);
        Assert.Equal((4, 3), (resumed.Rescheduled, resumed.Finalised));
        await using (var connection = await db.OpenConnectionAsync())
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
                "select count(*) from contacts where campaign_id = @campaign and (state = 'deferred' or attempts_today <> 0)", new { campaign }));
            Assert.True(await connection.ExecuteScalarAsync<bool>(
                "select closed_at is not null and report ? 'by_hour' from daily_reports where campaign_id = @campaign and day = @day", new { campaign, day }));
        }
        Assert.True((await new NightlyRetryBatch(db, new CampaignSettingsCache()).RunAsync(campaign, day, CancellationToken.None)).AlreadyClosed);
    }

    /// <summary>
    /// A day's end: 0–3 deferred with budget left (→ pending tomorrow), 4–5 deferred with the budget used up (→ done),
    /// 6 pending but exhausted (→ done), 7 pending with attempts today (counter reset only: not "rescheduled"),
    /// 8 and 9 already done (not "finalised" tonight), the rest untouched; and the day's settled attempts.
    /// </summary>
    private static async Task<long[]> SeedDayAsync(Npgsql.NpgsqlDataSource db, long campaign, DateTimeOffset dayStart)
    {
        await using var connection = await db.OpenConnectionAsync();
        var contacts = (await connection.QueryAsync<long>("select id from contacts where campaign_id = @campaign order by id", new { campaign })).ToArray();
        // 0–3 deferred with budget left (→ pending tomorrow), 4–5 deferred with the budget used up (→ done),
        // 6 pending but exhausted (→ done), 7 pending with attempts today (counter reset only: not "rescheduled"),
        // 8 and 9 already done (not "finalised" tonight), the rest untouched.
        async Task Set(int index, string state, int attempts, int today, string? outcome) =>
            await connection.ExecuteAsync("""
                update contacts set state = @state, attempts = @attempts, attempts_today = @today, last_outcome = @outcome,
                       next_due_at = @due where id = @id
                """, new { id = contacts[index], state, attempts, today, outcome, due = dayStart.UtcDateTime });
        for (var i = 0; i < 4; i++) await Set(i, "deferred", 1 + i % 2, 1 + i % 2, "no_answer");
        await Set(4, "deferred", 3, 3, "busy");
        await Set(5, "deferred", 3, 2, "no_answer");
        await Set(6, "pending", 3, 0, "unknown");
        await Set(7, "pending", 1, 1, "busy");
        await Set(8, "done", 1, 1, "answered");
        await Set(9, "done", 3, 3, "no_answer"); // finalised during the day by settlement: not the batch's doing
        // The day's attempts, for the report: settled ones of each kind.
        foreach (var (index, outcome) in new[] { (0, "no_answer"), (1, "no_answer"), (4, "busy"), (8, "answered") })
        {
            await connection.ExecuteAsync("""
                insert into attempts (campaign_id, contact_id, provider_account, agent_id, phone, dial_string, node, created_at)
                select campaign_id, id, 'simulator', 'agent-001', phone, phone, 'test', @at from contacts where id = @id;
                update attempts set status = 'settled', outcome = @outcome, talk_seconds = @talk, settled_at = @at
                where contact_id = @id;
                """, new { id = contacts[index], outcome, talk = outcome == "answered" ? 90 : (int?)null, at = dayStart.AddHours(2).UtcDateTime });
        }
        return contacts;
    }

    /// <summary>Every column of the campaign's contacts and its report rows, as one comparable string.</summary>
    private static async Task<string> SnapshotAsync(Npgsql.NpgsqlDataSource db, long campaign)
    {
        await using var connection = await db.OpenConnectionAsync();
        var contacts = await connection.QueryAsync<string>(
            "select row_to_json(c)::text from contacts c where campaign_id = @campaign order by id", new { campaign });
        var reports = await connection.QueryAsync<string>(
            "select row_to_json(r)::text from daily_reports r where campaign_id = @campaign order by day", new { campaign });
        var counters = await connection.QueryAsync<string>(
            "select row_to_json(k)::text from campaign_counters k where campaign_id = @campaign order by 1", new { campaign });
        return string.Join("\n", contacts.Concat(reports).Concat(counters));
    }
}
