using System.Text.Json;
using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Core.Campaigns;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Import;
using AutoDialer.Telephony.Meiqia;
using AutoDialer.Testing;
using Microsoft.Playwright;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// A running campaign dials through the bridge: the dialing engine (registered by <c>AddAutoDialer</c>) picks the
/// connected agent, the real script places the calls in the stand-in SDK, the vendor events flow back, and the
/// outcomes land in the database. This needs the dialing engine; without it nothing dials and the test fails
/// saying so.
/// </summary>
[Collection("postgres")]
[Trait("Category", "Browser")]
public sealed class EndToEndDialingTests(PostgresFixture postgres, BrowserFixture browsers) : IAsyncDisposable
{
    private static readonly string[] Numbers = ["13800000101", "13800000102", "13800000103"];
    private IBrowserContext? _context;

    [Theory]
    [InlineData("udesk")]
    [InlineData("meiqia")]
    public async Task A_running_campaign_dials_through_the_bridge_and_outcomes_land_in_the_database(string vendor)
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var (agentId, account, url) = vendor == "udesk"
            ? ("1001", BridgeHost.UdeskAccount, host.UdeskWorkbench("1001"))
            : ("12123", BridgeHost.MeiqiaAccount, host.MeiqiaWorkbench("12123"));
        // Meiqia reports no status after a call: the engine's sweep finds the agent idle in the Open API list.
        host.Meiqia.OnJson(MeiqiaOpenApiClient.AgentsPath, 200, """[{"agent_id":12123,"register_status":"register","worker_status":""}]""");

        _context = await (await browsers.BrowserAsync()).NewContextAsync();
        var page = await _context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(url);
        await page.WaitForFunctionAsync("() => window.workbench && window.workbench.bridge.status === 'connected'");

        var campaigns = new CampaignStore(host.Database);
        var settings = CampaignSettings.Default("Asia/Shanghai") with
        {
            Schedule = CallingSchedule.Always("Asia/Shanghai"),
            ProviderAccount = account,
            AgentIds = [agentId],
        };
        var campaign = await campaigns.CreateAsync("e2e-" + vendor, settings);
        using var files = new ListFiles();
        var list = files.Write("contacts.csv", "phone,name\n" + string.Join('\n', Numbers.Select((n, i) => $"{n},Customer {i}")) + "\n");
        var imported = await new ContactListImporter(host.Database).ImportAsync(list, campaign.Name);
        Assert.Equal(Numbers.Length, imported.Accepted);
        await campaigns.TransitionAsync(campaign.Id, CampaignCommand.Start);

        // The engine and the database are the only witnesses of progress and neither signals a test, so this is a
        // bounded poll of the attempts table (every 200 ms, at most 60 s).
        var settled = 0L;
        for (var i = 0; i < 300; i++)
        {
            settled = await ScalarAsync(host, "select count(*) from attempts where campaign_id = $1 and status = 'settled'", campaign.Id);
            if (settled == Numbers.Length)
            {
                break;
            }

            await Task.Delay(200);
        }

        var dialled = JsonDocument.Parse(await page.EvaluateAsync<string>(
            vendor == "udesk" ? "() => JSON.stringify(FakeCallCenter.callsOf('MakeCallAsync'))" : "() => JSON.stringify(FakeCallCenter.callsOf('call'))"))
            .RootElement.EnumerateArray().ToArray();
        Assert.True(
            settled == Numbers.Length,
            $"{settled} of {Numbers.Length} attempts settled and the SDK was asked for {dialled.Length} calls: is the dialing engine registered by AddAutoDialer (merge main's 'Dialing engine' commit)?");

        // One make-call per attempt, each carrying its attempt id as business id (Udesk BizId, Meiqia userData).
        var businessIds = dialled.Select(c => vendor == "udesk"
            ? c.GetProperty("args")[1].GetProperty("BizId").GetString()
            : c.GetProperty("args")[0].GetProperty("client").GetProperty("userData").GetString()).ToArray();
        Assert.Equal(Numbers.Length, businessIds.Distinct().Count());
        Assert.Equal(Numbers.Length, await ScalarAsync(host, "select count(*) from attempts where campaign_id = $1 and outcome = 'answered' and id::text = any($2)", campaign.Id, businessIds));
        Assert.True(await ScalarAsync(host, "select count(*) from call_events e join attempts a on a.id = e.attempt_id where a.campaign_id = $1 and e.agent_id = $2", campaign.Id, agentId) >= Numbers.Length);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
    }

    private static async Task<long> ScalarAsync(BridgeHost host, string sql, params object[] values)
    {
        await using var command = host.Database.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = value });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
