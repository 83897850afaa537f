using System.Text.Json;
using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Core.Dialing;
using AutoDialer.Testing;
using Microsoft.Playwright;

namespace AutoDialer.Bridge.Tests;

/// <summary>Udesk through the dialing engine, the real script and the stand-in SDK, whose list ids are not numbers.</summary>
[Collection("postgres")]
[Trait("Category", "Browser")]
public sealed class UdeskDialingTests(PostgresFixture postgres, BrowserFixture browsers) : IAsyncDisposable
{
    private const string AgentId = "1001";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private IBrowserContext? _context;

    [Fact]
    public async Task The_caller_numbers_trunk_is_selected_once_by_its_list_id()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var page = await OpenAsync(host);

        var campaign = await RunningCampaign.StartAsync(host, BridgeHost.UdeskAccount, AgentId,
            settings => settings with { CallerNumbers = [new CallerNumber("cn-2", "+862161230002", "021")] }, "13800000501");
        Assert.Equal(1, await RunningCampaign.UntilAsync(host.Database, n => n == 1, Limit,
            "select count(*) from attempts where campaign_id = $1 and status = 'settled'", campaign.Id));

        var calls = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(FakeCallCenter.calls)")).RootElement.EnumerateArray()
            .Where(c => c.GetProperty("method").GetString() is "SetSpNumberPoolNumAsync" or "MakeCallAsync")
            .Select(c => c.GetProperty("method").GetString() + " " + c.GetProperty("args")[0].GetRawText()).ToList();
        Assert.Equal(["""SetSpNumberPoolNumAsync {"type":1,"id":"sp-102"}""", "MakeCallAsync \"13800000501\""], calls);
        Assert.Equal(1, await RunningCampaign.ScalarAsync(host.Database,
            "select count(*) from attempts where campaign_id = $1 and outcome = 'answered' and caller_number = '+862161230002'", campaign.Id));
    }

    private async Task<IPage> OpenAsync(BridgeHost host)
    {
        _context = await (await browsers.BrowserAsync()).NewContextAsync();
        var page = await _context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(host.UdeskWorkbench(AgentId));
        await page.WaitForFunctionAsync("() => window.workbench && window.workbench.bridge.status === 'connected'");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
    }
}
