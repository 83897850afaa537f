using System.Net;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Audit;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.DoNotCall;
using AutoDialer.Testing;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Tests.Audit;

/// <summary>
/// An audit entry commits with the change it records, or not at all. Each case makes the change's transaction fail at its
/// commit, after the entry was written (a deferred constraint trigger that raises): the change and the entry are both gone.
/// Then the same change without the failure: both are there.
/// </summary>
[Collection("postgres")]
public sealed class AuditInTransactionTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly AuditActor Actor = new(AuditActorKind.User, "ops", IPAddress.Parse("192.0.2.10"));
    private NpgsqlDataSource db = null!;

    public async Task InitializeAsync() => db = await postgres.CreateDatabaseAsync("audit_tx");

    public async Task DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task A_campaign_transition_that_rolls_back_at_commit_leaves_neither_the_change_nor_its_entry()
    {
        var campaigns = new CampaignStore(db);
        var campaign = await campaigns.CreateAsync("tx", CampaignSettings.Default("Asia/Shanghai"));
        await FailCommitsTouchingAsync("campaigns", "update");

        await Assert.ThrowsAsync<PostgresException>(() => campaigns.TransitionAsync(campaign.Id, CampaignCommand.Start, Actor));

        Assert.Equal(CampaignState.Draft, (await campaigns.FindAsync(campaign.Id))!.State);
        Assert.Empty(await ActionsAsync());
        await StopFailingAsync("campaigns");
        await campaigns.TransitionAsync(campaign.Id, CampaignCommand.Start, Actor);
        Assert.Equal([AuditActions.CampaignStart], await ActionsAsync());
    }

    [Fact]
    public async Task A_settings_change_that_rolls_back_at_commit_leaves_no_entry()
    {
        var campaigns = new CampaignStore(db);
        var campaign = await campaigns.CreateAsync("tx-settings", CampaignSettings.Default("Asia/Shanghai"));
        await FailCommitsTouchingAsync("campaigns", "update");

        await Assert.ThrowsAsync<PostgresException>(() => campaigns.UpdateSettingsAsync(campaign.Id, campaign.Settings with { AgentIds = ["1001"] }, Actor));

        Assert.Empty((await campaigns.FindAsync(campaign.Id))!.Settings.AgentIds);
        Assert.Empty(await ActionsAsync());
    }

    [Fact]
    public async Task A_do_not_call_addition_that_rolls_back_at_commit_leaves_no_entry()
    {
        var list = new DoNotCallList(db);
        await FailCommitsTouchingAsync("dnc", "insert");

        await Assert.ThrowsAsync<PostgresException>(() => list.AddAsync(["13800138000"], "test", Actor));

        Assert.False(await list.ContainsAsync("13800138000"));
        Assert.Empty(await ActionsAsync());
    }

    [Fact]
    public async Task An_entry_keeps_who_when_by_the_database_clock_and_from_where()
    {
        var before = await db.CreateCommand("select now()").ExecuteScalarAsync();
        await new CampaignStore(db).CreateAsync("who", CampaignSettings.Default("Asia/Shanghai"), Actor);

        var entry = Assert.Single((await new AuditTrail(db).SearchAsync(new AuditFilter())).Entries);
        Assert.Equal((AuditActorKind.User, "ops", "192.0.2.10", AuditAction.CampaignCreate, (AuditTarget?)AuditTarget.Campaign),
            (entry.ActorKind, entry.Actor, entry.Address, entry.Action, entry.Target));
        Assert.True(entry.At >= ((DateTime)before!).ToUniversalTime(), $"{entry.At:O} is before {before:O}");
    }

    [Fact]
    public async Task The_purge_removes_only_entries_older_than_the_retention()
    {
        var trail = new AuditTrail(db);
        await trail.RecordAsync(Actor, new AuditEntry(AuditAction.SignIn, AuditTarget.User, "ops", null, []));
        await trail.RecordAsync(Actor, new AuditEntry(AuditAction.SignIn, AuditTarget.User, "ops", null, []));
        await using (var connection = await db.OpenConnectionAsync())
            await connection.ExecuteAsync("update audit_entries set at = now() - interval '401 days' where id = (select min(id) from audit_entries)");

        Assert.Equal(1, await trail.PurgeAsync(TimeSpan.FromDays(400)));
        Assert.Single((await trail.SearchAsync(new AuditFilter())).Entries);
    }

    private async Task<List<string>> ActionsAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        return (await connection.QueryAsync<string>("select action from audit_entries order by id")).ToList();
    }

    /// <summary>Every transaction that does <paramref name="operation"/> on <paramref name="table"/> fails when it commits.</summary>
    private async Task FailCommitsTouchingAsync(string table, string operation)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync($"""
            create function fail_at_commit() returns trigger language plpgsql as $$
            begin raise exception 'the commit fails (test)'; end $$;
            create constraint trigger fail_at_commit after {operation} on {table}
                deferrable initially deferred for each row execute function fail_at_commit();
            """);
    }

    private async Task StopFailingAsync(string table)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync($"drop trigger fail_at_commit on {table}");
    }
}
