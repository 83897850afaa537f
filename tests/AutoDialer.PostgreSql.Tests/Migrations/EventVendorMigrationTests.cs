using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Dialing.Events;
using AutoDialer.PostgreSql.Events;
using AutoDialer.PostgreSql.Migrations;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.PostgreSql.Tests.Migrations;

/// <summary>
/// 020 gives every stored event its vendor. Events stored before it get theirs from their name, as those versions read
/// them (Udesk's documented names are Udesk's, any other Meiqia's), so each reads after migrate as it read before.
/// </summary>
[Collection("postgres")]
public sealed class EventVendorMigrationTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_event_stored_before_020_gets_its_vendor_from_its_name_and_reads_as_it_did()
    {
        var dataSource = await postgres.CreateEmptyDatabaseAsync("migrate_020");
        await new MigrationRunner(Migration.FromEmbeddedResources().Where(m => m.Version < 20), installsJobStorage: true)
            .ApplyAsync(dataSource, CancellationToken.None);
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                insert into call_events (provider_account, event_id, agent_id, name, occurred_at, payload, call_id, attempt_id)
                values ('u', 'e1', 'a1', @originated, @at, '{"Code":0,"Data":{"CallID":"c1","Number":"13800000001"}}', 'c1', 7),
                       ('u', 'e2', 'a1', @phoneMode, @at, '{}', null, 7),
                       ('m', 'e3', 'a1', @answer, @at, '{"callId":"c2"}', 'c2', 8)
                """, new { originated = UdeskEventNames.Originated, phoneMode = UdeskEventNames.PhoneModeChanged, answer = MeiqiaEventNames.Answer, at = Now.UtcDateTime });
        }

        await new MigrationRunner().ApplyAsync(dataSource, CancellationToken.None);

        await using var read = await dataSource.OpenConnectionAsync();
        var vendors = (await read.QueryAsync<(string event_id, string vendor)>("select event_id, vendor from call_events order by event_id")).ToList();
        Assert.Equal([("e1", EventVendors.Udesk), ("e2", EventVendors.Udesk), ("e3", EventVendors.Meiqia)], vendors);
        var events = await new CallEventStore(dataSource).EventsOfAsync([7, 8], [], CancellationToken.None);
        var originated = Assert.IsType<OriginatedSignal>(VendorEvents.Interpret(events[7].Single(e => e.EventId == "e1")));
        Assert.Equal("c1", originated.CallId);
        Assert.Equal(EventVendor.Meiqia, Assert.Single(events[8]).Vendor);
    }

    [Fact]
    public async Task A_word_that_is_no_vendor_is_refused_by_the_database()
    {
        var dataSource = await postgres.CreateDatabaseAsync("event_vendor_check");
        await using var connection = await dataSource.OpenConnectionAsync();

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => connection.ExecuteAsync("""
            insert into call_events (provider_account, event_id, vendor, agent_id, name, occurred_at, payload)
            values ('u', 'e1', 'Udesk', 'a1', 'Originated', now(), '{}')
            """));
        Assert.Equal("call_events_vendor_check", refused.ConstraintName);
    }
}
