using System.Text.Json;
using AutoDialer.Core.Events;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.PostgreSql.Events;
using AutoDialer.Testing;
using Dapper;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.PostgreSql.Tests.Events;

[Collection("postgres")]
public sealed class EventQuarantineTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_batch_with_one_event_jsonb_refuses_stores_the_others_and_quarantines_that_one_as_sent()
    {
        var dataSource = await postgres.CreateDatabaseAsync("quarantine_json");
        var store = new CallEventStore(dataSource);
        var poison = Event("e2", """{"Data":{"CallID":"c2","CustomerInfo":{"City":"a\u0000b"}}}""");

        var fresh = await store.StoreAsync("simulator", [Row(Event("e1", """{"Data":{"CallID":"c1"}}""")), Row(poison), Row(Event("e3", """{"n":1}"""))],
            CancellationToken.None);

        Assert.Equal(["e1", "e3"], fresh.Order());
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(["e1", "e3"], await connection.QueryAsync<string>("select event_id from call_events order by event_id"));
        var quarantined = Assert.Single(await new EventQuarantine(dataSource).RecentAsync(10, CancellationToken.None));
        Assert.Equal(("e2", JsonbRefusal.NulEscape), (quarantined.EventId, quarantined.Reason));
        Assert.Equal(poison.Payload.GetRawText(), quarantined.Payload);
        Assert.Equal(1, await new EventQuarantine(dataSource).CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_event_PostgreSQL_refuses_for_a_reason_the_check_does_not_know_is_found_row_by_row_and_quarantined_with_its_sqlstate()
    {
        var dataSource = await postgres.CreateDatabaseAsync("quarantine_row");
        var store = new CallEventStore(dataSource);
        // A CallID read out of a payload ("c\u0000") is a NUL in a text parameter, which PostgreSQL refuses (22021).
        var rows = new[] { Row(Event("e1", "{}")), (Event("e2", "{}"), "c\0", (long?)null), Row(Event("e3", "{}")) };

        var fresh = await store.StoreAsync("simulator", rows, CancellationToken.None);
        var again = await store.StoreAsync("simulator", rows, CancellationToken.None);

        Assert.Equal(["e1", "e3"], fresh.Order());
        Assert.Empty(again);
        var quarantined = Assert.Single(await new EventQuarantine(dataSource).RecentAsync(10, CancellationToken.None));
        Assert.Equal("e2", quarantined.EventId);
        Assert.StartsWith("22021: ", quarantined.Reason);
    }

    private static (CallCenterEvent Event, string? CallId, long? AttemptId) Row(CallCenterEvent e) => (e, null, null);

    private static CallCenterEvent Event(string id, string json)
    {
        using var document = JsonDocument.Parse(json);
        return new CallCenterEvent(EventVendor.Simulator, "simulator", "a1", UdeskEventNames.Delivered, Now, id, document.RootElement.Clone());
    }
}
