using System.Text.Json;
using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Core.Dispatch;
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

    [Fact]
    public async Task An_agent_whose_device_is_offline_is_not_dialled_until_it_is_online_again()
    {
        await using var host = await BridgeHost.StartAsync(postgres, new Dictionary<string, string?> { ["AutoDialer:Dialing:AgentSweepInterval"] = "00:00:00.500" });
        var page = await OpenAsync(host);
        var events = new EventStream(host.Udesk.Sessions);
        const string Mode = "() => window.workbench.sdk.emit('PhoneModeChanged', { Code: '0000', Data: [{ CurContact: 'voip', CurExtState: '{0}', CurNumber: '90310468561028' }], Message: '', Visible: false })";
        await page.EvaluateAsync(Mode.Replace("{0}", "offline", StringComparison.Ordinal));
        await events.WaitForAsync(AgentId, Core.Telephony.Udesk.UdeskEventNames.PhoneModeChanged);

        var campaign = await RunningCampaign.StartAsync(host, BridgeHost.UdeskAccount, AgentId, "13800000701");
        // The agent is idle on the board, so each agent sweep (it asks GetOtherAgentsAsync through this page) triggers a
        // dispatch for it: two sweeps, and none of their triggers dialled.
        await page.EvaluateAsync("() => window.workbench.sdk.SetAgentStateAsync('idle')");
        var sweeps = await page.EvaluateAsync<int>("() => FakeCallCenter.callsOf('GetOtherAgentsAsync').length");
        await page.WaitForFunctionAsync($"() => FakeCallCenter.callsOf('GetOtherAgentsAsync').length >= {sweeps + 2}");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => FakeCallCenter.callsOf('MakeCallAsync').length"));
        Assert.Equal(0, await RunningCampaign.ScalarAsync(host.Database, "select count(*) from attempts where campaign_id = $1", campaign.Id));
        Assert.Equal(Core.Agents.AgentUnavailableReasons.DeviceOffline, host.Udesk.FindSession(AgentId)!.Availability.Reason);

        await page.EvaluateAsync(Mode.Replace("{0}", "idle", StringComparison.Ordinal));
        await page.EvaluateAsync("() => window.workbench.sdk.SetAgentStateAsync('idle')");
        Assert.Equal(1, await RunningCampaign.UntilAsync(host.Database, n => n == 1, Limit,
            "select count(*) from attempts where campaign_id = $1 and status = 'settled'", campaign.Id));
    }

    [Theory]
    [InlineData("out_direct")]
    [InlineData("out_callback")]
    public async Task Calls_settle_under_each_workflow_and_a_callback_whose_agent_does_not_pick_up_is_not_a_call(string workflow)
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var page = await OpenAsync(host);
        await page.EvaluateAsync($"() => {{ UdeskCCPaasApiClass.assumptions.{Core.Telephony.Udesk.UdeskAssumptions.StandIn.Workflow} = '{workflow}'; FakeCallCenter.script('13800000802', {{ outcome: 'answer', agentAnswers: false, ringMs: 20, talkMs: 40 }}); }}");

        var campaign = await RunningCampaign.StartAsync(host, BridgeHost.UdeskAccount, AgentId, "13800000801", "13800000802");
        Assert.Equal(2, await RunningCampaign.UntilAsync(host.Database, n => n == 2, Limit,
            "select count(*) from attempts where campaign_id = $1 and status = 'settled'", campaign.Id));

        Assert.Equal(1, await RunningCampaign.ScalarAsync(host.Database,
            "select count(*) from attempts where campaign_id = $1 and dial_string = '13800000801' and outcome = 'answered'", campaign.Id));
        if (workflow == "out_callback")
        {
            // The agent's phone rang, nobody picked up, the customer was never called: the contact keeps its attempt.
            Assert.Equal(1, await RunningCampaign.ScalarAsync(host.Database,
                "select count(*) from attempts where campaign_id = $1 and dial_string = '13800000802' and vendor_code = 'AD-AGENT-LEG-UNANSWERED'", campaign.Id));
            Assert.Equal(1, await RunningCampaign.ScalarAsync(host.Database,
                "select count(*) from contacts where campaign_id = $1 and phone = '+8613800000802' and attempts = 0 and state = 'pending'", campaign.Id));
        }
        else
        {
            Assert.Equal(1, await RunningCampaign.ScalarAsync(host.Database,
                "select count(*) from attempts where campaign_id = $1 and dial_string = '13800000802' and outcome = 'answered'", campaign.Id));
        }
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
