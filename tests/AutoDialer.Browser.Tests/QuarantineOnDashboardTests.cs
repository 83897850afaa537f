using System.Text.Json;
using AutoDialer.AspNetCore.Tests;
using AutoDialer.Core.Events;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.PostgreSql.Events;
using AutoDialer.Testing;
using Microsoft.Playwright;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Browser.Tests;

[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class QuarantineOnDashboardTests(PostgresFixture postgres, BrowserFixture browser) : IAsyncLifetime
{
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);
    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_campaigns_page_counts_the_quarantined_vendor_events_and_shows_the_latest_reason()
    {
        using var payload = JsonDocument.Parse("""{"Data":{"CallID":"c1","CustomerInfo":{"City":"\u0000"}}}""");
        var poison = new CallCenterEvent(EventVendor.Simulator, "simulator", "a1", UdeskEventNames.Delivered, DateTimeOffset.UtcNow, "e1", payload.RootElement.Clone());
        await new EventQuarantine(server.Db).AddAsync("simulator", [(poison, JsonbRefusal.NulEscape)], CancellationToken.None);

        var page = await browser.NewPageAsync(server.Address, locale: "en-US");
        await page.GotoAsync("#/campaigns");

        var line = page.GetByTestId("quarantined-events");
        await Assertions.Expect(line).ToContainTextAsync("Quarantined vendor events: 1");
        await Assertions.Expect(line).ToContainTextAsync(JsonbRefusal.NulEscape);
    }
}
