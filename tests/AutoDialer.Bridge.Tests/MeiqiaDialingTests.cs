using System.Text.Json;
using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Core.Agents;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Telephony.Meiqia;
using AutoDialer.Testing;
using Microsoft.Playwright;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// Meiqia through the dialing engine, the real script and the stand-in SDK, under each setting of what Meiqia's
/// document leaves open (<see cref="MeiqiaAssumptions.StandIn"/>): a blacklisted number reaches its attempt and the
/// do-not-call list, and an agent the Open API reports busy is not dialled.
/// </summary>
[Collection("postgres")]
[Trait("Category", "Browser")]
public sealed class MeiqiaDialingTests(PostgresFixture postgres, BrowserFixture browsers) : IAsyncDisposable
{
    private const string AgentId = "12123";
    private const string Idle = """[{"agent_id":12123,"register_status":"register","worker_status":""}]""";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static readonly Dictionary<string, string?> FastSweep = new() { ["AutoDialer:Dialing:AgentSweepInterval"] = "00:00:00.500" };
    private IBrowserContext? _context;

    [Theory]
    [InlineData("call", false)]
    [InlineData("empty", false)]
    [InlineData("call", true)]
    [InlineData("empty", true)]
    public async Task A_blackList_during_a_call_puts_the_number_on_the_do_not_call_list_and_it_is_never_dialled_again(string blackListUuid, bool callingBefore)
    {
        await using var host = await BridgeHost.StartAsync(postgres, FastSweep);
        host.Meiqia.OnJson(MeiqiaOpenApiClient.AgentsPath, 200, Idle);
        var page = await OpenAsync(host);
        await page.EvaluateAsync(
            $"() => {{ MQCallSDK.assumptions.{MeiqiaAssumptions.StandIn.BlackListUuid} = '{blackListUuid}'; MQCallSDK.assumptions.{MeiqiaAssumptions.StandIn.CallingBeforeBlackList} = {(callingBefore ? "true" : "false")}; FakeCallCenter.script('13800000201', {{ outcome: 'blacklist' }}); }}");

        var campaign = await RunningCampaign.StartAsync(host, BridgeHost.MeiqiaAccount, AgentId, "13800000201", "13800000202");
        var settled = await RunningCampaign.UntilAsync(host.Database, n => n == 2, Limit,
            "select count(*) from attempts where campaign_id = $1 and status = 'settled'", campaign.Id);

        Assert.Equal(2, settled);
        Assert.Equal(1, await RunningCampaign.ScalarAsync(host.Database, "select count(*) from dnc where phone = '+8613800000201'"));
        // Blacklisted is a final outcome: the contact is done (or suppressed), never due again.
        Assert.Equal(1, await RunningCampaign.ScalarAsync(host.Database,
            "select count(*) from contacts where campaign_id = $1 and phone = '+8613800000201' and state in ('done', 'suppressed')", campaign.Id));
        Assert.Equal(1, await RunningCampaign.ScalarAsync(host.Database,
            "select count(*) from attempts a join contacts c on c.id = a.contact_id where a.campaign_id = $1 and c.phone = '+8613800000201' and a.outcome = 'blacklisted'", campaign.Id));

        // Never again: a second campaign with the same number leases nothing for it, and the SDK was asked once.
        var again = await RunningCampaign.StartAsync(host, BridgeHost.MeiqiaAccount, AgentId, "13800000201", "13800000203");
        Assert.Equal(1, await RunningCampaign.UntilAsync(host.Database, n => n == 1, Limit,
            "select count(*) from attempts where campaign_id = $1 and status = 'settled'", again.Id));
        var dialled = (await CallsAsync(page)).Select(c => c.GetProperty("args")[0].GetProperty("client").GetProperty("number").GetString()).ToList();
        Assert.Equal(1, dialled.Count(n => n == "13800000201"));
        Assert.Equal(0, await RunningCampaign.ScalarAsync(host.Database, "select count(*) from attempts where campaign_id = $1 and dial_string like '%13800000201'", again.Id));
    }

    [Fact]
    public async Task An_agent_the_open_api_reports_busy_is_not_dialled_until_it_reports_it_free()
    {
        await using var host = await BridgeHost.StartAsync(postgres, FastSweep);
        host.Meiqia.OnJson(MeiqiaOpenApiClient.AgentsPath, 200, """[{"agent_id":12123,"register_status":"register","worker_status":"busy"}]""");
        var page = await OpenAsync(host);
        var campaign = await RunningCampaign.StartAsync(host, BridgeHost.MeiqiaAccount, AgentId, "13800000301");

        // Three sweeps after the campaign started: each found the agent busy (and the page's agentInitStatus said online).
        var asked = host.Meiqia.CountOf(MeiqiaOpenApiClient.AgentsPath);
        await UntilAsync(() => host.Meiqia.CountOf(MeiqiaOpenApiClient.AgentsPath) >= asked + 3);
        Assert.Empty(await CallsAsync(page));
        Assert.Equal(0, await RunningCampaign.ScalarAsync(host.Database, "select count(*) from attempts where campaign_id = $1", campaign.Id));
        Assert.Equal(AgentUnavailableReasons.Busy, host.MeiqiaCenter.FindSession(AgentId)!.Availability.Reason);

        host.Meiqia.OnJson(MeiqiaOpenApiClient.AgentsPath, 200, Idle);
        Assert.Equal(1, await RunningCampaign.UntilAsync(host.Database, n => n == 1, Limit,
            "select count(*) from attempts where campaign_id = $1 and status = 'settled'", campaign.Id));
        Assert.Single(await CallsAsync(page));
    }

    [Fact]
    public async Task A_make_call_the_sdk_refuses_as_invalid_is_not_a_call_the_contact_keeps_its_attempt_and_waits()
    {
        await using var host = await BridgeHost.StartAsync(postgres, FastSweep);
        host.Meiqia.OnJson(MeiqiaOpenApiClient.AgentsPath, 200, Idle);
        var page = await OpenAsync(host);
        await page.EvaluateAsync("() => FakeCallCenter.script('13800000601', { outcome: 'validator' })");

        var campaign = await RunningCampaign.StartAsync(host, BridgeHost.MeiqiaAccount, AgentId, "13800000601");
        Assert.Equal(1, await RunningCampaign.UntilAsync(host.Database, n => n == 1, Limit,
            "select count(*) from attempts where campaign_id = $1 and status = 'settled'", campaign.Id));

        Assert.Equal(1, await RunningCampaign.ScalarAsync(host.Database,
            "select count(*) from attempts where campaign_id = $1 and vendor_code = 'AD-INVALID-REQUEST'", campaign.Id));
        // Its attempt back, and due later (the same request would be refused again at once), not now.
        Assert.Equal(1, await RunningCampaign.ScalarAsync(host.Database,
            "select count(*) from contacts where campaign_id = $1 and attempts = 0 and state = 'pending' and next_due_at > now() + interval '5 minutes'", campaign.Id));
    }

    [Theory]
    [InlineData("""{"agent_id":12123,"register_status":"unregister","worker_status":""}""", AgentUnavailableReasons.NotRegistered)]
    [InlineData("""{"agent_id":12123,"register_status":"register","worker_status":"","expiration_at":"2020-01-01 00:00:00"}""", AgentUnavailableReasons.NoValidSeat)]
    [InlineData("""{"agent_id":12123,"register_status":"register","worker_status":"","effective_at":"4102444800"}""", AgentUnavailableReasons.NoValidSeat)]
    [InlineData("""{"agent_id":99999,"register_status":"register","worker_status":""}""", AgentUnavailableReasons.NoValidSeat)]
    public async Task An_agent_unregistered_or_outside_its_seat_dates_or_without_a_seat_is_not_dialled(string listing, string reason)
    {
        await using var host = await BridgeHost.StartAsync(postgres, FastSweep);
        host.Meiqia.OnJson(MeiqiaOpenApiClient.AgentsPath, 200, "[" + listing + "]");
        var page = await OpenAsync(host);
        var campaign = await RunningCampaign.StartAsync(host, BridgeHost.MeiqiaAccount, AgentId, "13800000401");

        var asked = host.Meiqia.CountOf(MeiqiaOpenApiClient.AgentsPath);
        await UntilAsync(() => host.Meiqia.CountOf(MeiqiaOpenApiClient.AgentsPath) >= asked + 2);
        Assert.Empty(await CallsAsync(page));
        Assert.Equal(0, await RunningCampaign.ScalarAsync(host.Database, "select count(*) from attempts where campaign_id = $1", campaign.Id));
        Assert.Equal(reason, host.MeiqiaCenter.FindSession(AgentId)!.Availability.Reason);
    }

    private async Task<IPage> OpenAsync(BridgeHost host)
    {
        _context = await (await browsers.BrowserAsync()).NewContextAsync();
        var page = await _context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(host.MeiqiaWorkbench(AgentId));
        await page.WaitForFunctionAsync("() => window.workbench && window.workbench.bridge.status === 'connected'");
        return page;
    }

    /// <summary>Bounded poll of the stub's request count (the sweep is a timer; nothing announces that it ran).</summary>
    private static async Task UntilAsync(Func<bool> done)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(clock.Elapsed < Limit, "the agent sweep did not run");
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement[]> CallsAsync(IPage page) =>
        JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(FakeCallCenter.callsOf('call'))")).RootElement.EnumerateArray().ToArray();

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
    }
}
