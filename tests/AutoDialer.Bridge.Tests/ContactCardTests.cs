using System.Text;
using AutoDialer.Bridge.Tests.Support;
using AutoDialer.PostgreSql.Reports;
using AutoDialer.Testing;
using Microsoft.Playwright;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// The agent's side on the sample workbench pages, in Chromium, through the dialing engine and the real bridge: the
/// contact card shows who is called when the call is placed (Chinese on one vendor's page, English on the other's), a
/// disposition chosen on the card reaches the attempt, the contact's next state and the export, and the page cannot
/// dispose of another agent's attempt.
/// </summary>
[Collection("postgres")]
[Trait("Category", "Browser")]
public sealed class ContactCardTests(PostgresFixture postgres, BrowserFixture browsers) : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private IBrowserContext? _context;

    [Theory]
    [InlineData("udesk", "活动: ", "已保存")]
    [InlineData("meiqia", "Campaign: ", "Saved")]
    public async Task The_card_shows_the_contact_and_its_disposition_reaches_the_attempt_the_contact_and_the_export(
        string vendor, string campaignLabel, string saved)
    {
        const string agentId = "12123";
        await using var host = await BridgeHost.StartAsync(postgres);
        var vendorPage = VendorPage.Named(vendor);
        VendorPage.ListedFree(host, agentId);
        var page = await OpenAsync(vendorPage.Url(host, agentId));

        var campaign = await RunningCampaign.StartAsync(host, vendorPage.Account, agentId, "13800000901");
        await page.WaitForSelectorAsync("#card [data-card='number']");
        Assert.Equal("13800000901", await page.TextContentAsync("#card [data-card='number']"));
        Assert.Equal("Customer 0", await page.TextContentAsync("#card [data-card='name']"));
        Assert.StartsWith(campaignLabel, await page.TextContentAsync("#card [data-card='campaign']"));
        var attemptId = long.Parse((await page.GetAttributeAsync("#card", "data-attempt"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, await RunningCampaign.UntilAsync(host.Database, n => n == 1, Limit,
            "select count(*) from attempts where id = $1 and status = 'settled' and outcome = 'answered'", attemptId));

        // An answered call ends its contact unless the agent says otherwise: "try later" makes it due again.
        await page.SelectOptionAsync("#card [data-card='code']", "try_later");
        await page.ClickAsync("#card [data-card='save']");
        await page.WaitForSelectorAsync("#card [data-card='result'][data-ok='true']");
        Assert.StartsWith(saved, await page.TextContentAsync("#card [data-card='result']"));

        Assert.Equal(1, await RunningCampaign.ScalarAsync(host.Database,
            "select count(*) from attempts where id = $1 and disposition_code = 'try_later' and disposition_effect = 'retry_after'", attemptId));
        Assert.Equal(1, await RunningCampaign.ScalarAsync(host.Database,
            "select count(*) from contacts where campaign_id = $1 and state = 'pending' and last_disposition = 'try_later' and next_due_at > now() + interval '50 minutes'",
            campaign.Id));
        using var export = new MemoryStream();
        await new ContactExporter(host.Database).WriteAsync((await CampaignNameAsync(host, campaign.Id))!, export);
        var lines = Encoding.UTF8.GetString(export.ToArray()).TrimStart('\uFEFF').Split("\r\n");
        var header = lines[0].Split(',');
        Assert.Equal("try_later", lines[1].Split(',')[Array.IndexOf(header, "last_disposition")]);

        // Another agent's call, on the same campaign and contact: the page's disposition is refused and changes nothing.
        var foreign = await RunningCampaign.ScalarAsync(host.Database, """
            insert into attempts (campaign_id, contact_id, provider_account, agent_id, phone, dial_string, status, node, created_at, settled_at, outcome)
            select campaign_id, contact_id, provider_account, 'someone-else', phone, dial_string, 'settled', node, created_at, now(), 'answered'
            from attempts where id = $1 returning id
            """, attemptId);
        var refusal = await page.EvaluateAsync<string>(
            $"() => window.workbench.bridge.disposition({foreign}, 'success').then(() => 'accepted', e => e.code)");
        Assert.Equal("not_your_attempt", refusal);
        Assert.Equal(0, await RunningCampaign.ScalarAsync(host.Database, "select count(*) from attempts where id = $1 and disposition_code is not null", foreign));
        Assert.Equal(1, await RunningCampaign.ScalarAsync(host.Database,
            "select count(*) from contacts where campaign_id = $1 and state = 'pending' and last_disposition = 'try_later'", campaign.Id));
    }

    private async Task<IPage> OpenAsync(string url)
    {
        _context = await (await browsers.BrowserAsync()).NewContextAsync();
        var page = await _context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(url);
        await page.WaitForFunctionAsync("() => window.workbench && window.workbench.bridge.status === 'connected'");
        return page;
    }

    private static async Task<string?> CampaignNameAsync(BridgeHost host, long campaignId)
    {
        await using var command = host.Database.CreateCommand("select name from campaigns where id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = campaignId });
        return (string?)await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
    }
}
