using System.Diagnostics.Metrics;
using System.Text;
using AutoDialer.AspNetCore;
using AutoDialer.AspNetCore.Tests;
using AutoDialer.Core;
using AutoDialer.Core.Campaigns;
using AutoDialer.Dialing;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.Simulation;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.InProcess;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

/// <summary>The dashboard over a campaign that the real dialing engine dials on the simulated call center.</summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class LiveProgressTests(PostgresFixture postgres, BrowserFixture browser) : IAsyncLifetime
{
    private const int Agents = 6;
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres,
        new Dictionary<string, string?>
        {
            ["AutoDialer:Simulator:Agents"] = Agents.ToString(),
            // A quarter of a wall-clock second: the sweep runs on the accelerated clock like the rest.
            ["AutoDialer:Dialing:AgentSweepInterval"] = "00:00:30",
        },
        // The simulated call center (opt-in), and after AddAutoDialerServer, so the dialer, the simulator and the jobs run 120× faster.
        services => services.AddAutoDialerSimulator().AddAutoDialerAcceleratedClock(new AcceleratedTimeProvider(120)));

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_started_campaigns_progress_bar_moves_without_a_reload_and_after_pause_dialling_stops()
    {
        var id = await server.CreateCampaignAsync("demo");
        var campaigns = new CampaignStore(server.Db);
        var campaign = (await campaigns.FindAsync(id))!;
        await campaigns.UpdateSettingsAsync(id, campaign.Settings with
        {
            Schedule = CallingSchedule.Always("Asia/Shanghai"),
            AgentIds = Enumerable.Range(1, Agents).Select(i => $"agent-{i:D3}").ToArray(),
            ProviderAccount = "simulator",
        });
        var list = new StringBuilder("phone,name\n");
        for (var i = 0; i < 400; i++) list.Append("138").Append((10_000_000 + i).ToString()).Append(",客户").Append(i).Append('\n');
        await server.UploadAndImportAsync(id, Encoding.UTF8.GetBytes(list.ToString()), "demo.csv");

        var page = await browser.NewPageAsync(server.Address);
        await page.GotoAsync($"#/campaigns/{id}");
        var bar = page.GetByTestId("campaign-progress");
        await Assertions.Expect(bar).ToHaveAttributeAsync("data-done", "0");
        await page.EvaluateAsync("() => window.__sameDocument = true");

        await page.GetByTestId($"start-{id}").ClickAsync();
        await page.WaitForFunctionAsync("() => +document.querySelector('[data-testid=campaign-progress]').dataset.done >= 3",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        var first = int.Parse((await bar.GetAttributeAsync("data-done"))!);
        await page.WaitForFunctionAsync($"() => +document.querySelector('[data-testid=campaign-progress]').dataset.done > {first}",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");
        await BrowserFixture.ScreenshotAsync(page, "campaign-running-1280");

        await page.GetByTestId($"pause-{id}").ClickAsync();
        await Assertions.Expect(page.Locator("#c-state [data-state]")).ToHaveAttributeAsync("data-state", "paused");
        // The pause waits for leases in flight (they hold the campaign row in share mode), so no attempt starts after it.
        var atPause = await AttemptsAsync(id);

        // The engine keeps looking (idle events, the agent sweep every 250 ms) and must not dial: wait for many more of its
        // dispatch decisions, then nothing new may have been written.
        long decisions = 0;
        var engineMeters = server.Services.GetRequiredService<IMeterFactory>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, engineMeters) && instrument.Name == AutoDialerTelemetry.DispatchDecisionsName)
                    l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((_, count, _, _) => Interlocked.Add(ref decisions, count));
            listener.Start();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Interlocked.Read(ref decisions) < 3 * Agents && DateTime.UtcNow < deadline)
                await Task.Delay(50); // bounded: the engine exposes its decisions as a counter, not as an event
        }
        Assert.True(decisions >= 3 * Agents, "the engine made no dispatch decisions while paused");
        Assert.Equal(atPause, await AttemptsAsync(id));
        Assert.True(atPause < 400, "the campaign finished before it could be paused");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");
        await Assertions.Expect(page.GetByTestId($"resume-{id}")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "campaign-paused-1280");
    }

    private async Task<long> AttemptsAsync(long campaignId)
    {
        await using var connection = await server.Db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("select count(*) from attempts where campaign_id = @campaignId", new { campaignId });
    }
}
