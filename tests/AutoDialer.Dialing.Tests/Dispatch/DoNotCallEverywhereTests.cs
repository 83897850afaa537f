using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.DoNotCall;
using AutoDialer.PostgreSql.Nightly;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.Dialing.Tests.Dispatch;

/// <summary>A number on the do-not-call list is never dialled again, whatever state its contacts are in, in every campaign.</summary>
[Collection("postgres")]
public sealed class DoNotCallEverywhereTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Adding_a_number_suppresses_its_pending_and_deferred_contacts_in_every_campaign_and_removing_it_restores_them()
    {
        var db = await postgres.CreateDatabaseAsync("dnc_everywhere");
        var first = await DialingRig.CreateRunningCampaignAsync(db, "dnc-a", contacts: 3, DialingRig.Settings(["agent-1"]));
        var second = await DialingRig.CreateRunningCampaignAsync(db, "dnc-b", contacts: 3, DialingRig.Settings(["agent-2"]));
        await using var connection = await db.OpenConnectionAsync();
        var phone = await connection.ExecuteScalarAsync<string>("select phone from contacts where campaign_id = @first order by id limit 1", new { first });
        // The same callee waits for tomorrow in the first campaign and is due now in the second.
        await connection.ExecuteAsync("update contacts set state = 'deferred', attempts = 2, attempts_today = 2 where campaign_id = @first and phone = @phone", new { first, phone });

        var added = await new DoNotCallList(db).AddAsync([phone!]);

        Assert.Equal(2, added.ContactsSuppressed);
        Assert.Equal(["suppressed", "suppressed"], await connection.QueryAsync<string>("select state from contacts where phone = @phone order by campaign_id", new { phone }));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select count(*) from contacts where campaign_id = @second and phone = @phone", new { second, phone }));

        var removed = await new DoNotCallList(db).RemoveAsync([phone!]);

        Assert.Equal(2, removed.ContactsRestored);
        Assert.Equal(["pending", "pending"], await connection.QueryAsync<string>("select state from contacts where phone = @phone order by campaign_id", new { phone }));
    }

    [Fact]
    public async Task The_nightly_batch_never_makes_a_listed_number_due_again()
    {
        var db = await postgres.CreateDatabaseAsync("dnc_nightly");
        var campaign = await DialingRig.CreateRunningCampaignAsync(db, "dnc-nightly", contacts: 2, DialingRig.Settings(["agent-1"], maxAttempts: 3));
        await using var connection = await db.OpenConnectionAsync();
        // Both deferred to tomorrow; one's number went on the list by a path that did not move it (a vendor blacklist
        // while it was being dialled in another campaign, say).
        await connection.ExecuteAsync("update contacts set state = 'deferred', attempts = 1, attempts_today = 1 where campaign_id = @campaign", new { campaign });
        var listed = await connection.ExecuteScalarAsync<string>("select phone from contacts where campaign_id = @campaign order by id limit 1", new { campaign });
        await connection.ExecuteAsync("insert into dnc (phone, source) values (@listed, 'blacklist')", new { listed });

        var result = await new NightlyRetryBatch(db, new CampaignSettingsCache()).RunAsync(campaign, new DateOnly(2025, 3, 3), CancellationToken.None);

        Assert.Equal(1, result.Rescheduled);
        Assert.Equal("suppressed", await connection.ExecuteScalarAsync<string>("select state from contacts where phone = @listed", new { listed }));
        Assert.Equal("pending", await connection.ExecuteScalarAsync<string>("select state from contacts where campaign_id = @campaign and phone <> @listed", new { campaign, listed }));
    }
}
