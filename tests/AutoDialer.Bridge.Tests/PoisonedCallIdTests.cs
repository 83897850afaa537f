using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Testing;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// A vendor event whose call id holds a NUL (U+0000), over a real socket to a real host and PostgreSQL: PostgreSQL can
/// store the NUL nowhere (22021 in a text parameter, 22P05 in jsonb), and taking it out would make it another call's id.
/// The event is quarantined with a reason that says so, acked (it is kept, as it came), and the account's event pump
/// goes on with the events behind it.
/// </summary>
[Collection("postgres")]
public sealed class PoisonedCallIdTests(PostgresFixture postgres)
{
    [Fact]
    public async Task An_event_with_a_NUL_in_its_call_id_is_quarantined_with_its_reason_and_the_events_behind_it_are_stored()
    {
        await using var host = await BridgeHost.StartAsync(postgres, new Dictionary<string, string?> { ["AutoDialer:Dialing:EventBatchSize"] = "1" });
        await using var page = await SocketPage.ConnectAsync(host, "5101");
        var at = DateTimeOffset.UtcNow;

        // The page's JSON carries the escape \u0000 inside CallID, as a broken SDK or a forged page could send it.
        await page.SendAsync(new
        {
            type = "event",
            seq = 1,
            agentId = "5101",
            name = "Originated",
            timestamp = at.ToUnixTimeMilliseconds(),
            payload = new { Code = "0000", Data = new { CallID = "ea648a5d\u00004432", CustomerInfo = new { TelNumber = "15712886965" } }, Message = "", Visible = false },
        });
        await page.SendEventAsync(2, at.AddMilliseconds(1));
        await page.SendEventAsync(3, at.AddMilliseconds(2));

        Assert.Equal([1L, 2, 3], (await page.WaitForAcksAsync(1, 2, 3)).Order());
        Assert.Equal(2L, await ScalarAsync(host, "select count(*) from call_events where agent_id = '5101'"));
        Assert.Equal(1L, await ScalarAsync(host, "select count(*) from quarantined_events where agent_id = '5101' and name = 'Originated'"));
        var reason = (string)(await ScalarAsync(host, "select reason from quarantined_events where agent_id = '5101'"))!;
        Assert.Contains("NUL", reason, StringComparison.Ordinal);
        Assert.Contains("call id", reason, StringComparison.Ordinal);
        // Kept as it came: the escape is in the stored text, the event id names the NUL rather than dropping it.
        Assert.Contains("\\u0000", (string)(await ScalarAsync(host, "select payload from quarantined_events where agent_id = '5101'"))!, StringComparison.Ordinal);
        Assert.Contains("ea648a5d\\u00004432", (string)(await ScalarAsync(host, "select event_id from quarantined_events where agent_id = '5101'"))!, StringComparison.Ordinal);
    }

    private static async Task<object?> ScalarAsync(BridgeHost host, string sql)
    {
        await using var command = host.Database.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }
}
