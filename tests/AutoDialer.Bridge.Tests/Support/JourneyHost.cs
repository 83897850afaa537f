using AutoDialer.Core.Campaigns;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Import;
using AutoDialer.Telephony.Bridge;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace AutoDialer.Bridge.Tests.Support;

/// <summary>
/// A <see cref="BridgeHost"/> whose clock is a <see cref="ManualTimeProvider"/> (the dialer's only clock: leases, callback
/// times, graces, offers' countdowns, the disposition window), with one vendor's sample workbench pages of its agents
/// (<see cref="VendorPage"/>: Udesk's in Chinese, Meiqia's in English) open in Chromium in Shanghai's time zone. Nothing on
/// the manual clock fires unless the test moves it: the agent sweep and the bridge heartbeat are set a day apart, so the
/// test decides when an agent is dispatched (<see cref="DispatchAsync"/> is what the sweep does every few seconds) and the
/// pages' sockets never time out while the clock jumps hours.
/// </summary>
internal sealed class JourneyHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai

    private readonly List<IBrowserContext> _contexts = [];
    private readonly BrowserFixture _browsers;

    private JourneyHost(BridgeHost host, ManualTimeProvider clock, BrowserFixture browsers, VendorPage page)
    {
        Host = host;
        Clock = clock;
        _browsers = browsers;
        Page = page;
    }

    /// <summary>The vendor whose pages the agents work on; the campaigns are its account's.</summary>
    public VendorPage Page { get; }

    public BridgeHost Host { get; }

    public ManualTimeProvider Clock { get; }

    public NpgsqlDataSource Database => Host.Database;

    public static async Task<JourneyHost> StartAsync(PostgresFixture postgres, BrowserFixture browsers, string vendor = "udesk")
    {
        var page = VendorPage.Named(vendor);
        var clock = new ManualTimeProvider(Start);
        var host = await BridgeHost.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["AutoDialer:Dialing:AgentSweepInterval"] = "1.00:00:00",
            ["AutoDialer:Bridge:HeartbeatInterval"] = "1.00:00:00",
            ["AutoDialer:Bridge:HeartbeatTimeout"] = "2.00:00:00",
            ["AutoDialer:Bridge:TokenLifetime"] = "2.00:00:00",
        }, services => services.AddSingleton<TimeProvider>(clock));
        return new JourneyHost(host, clock, browsers, page);
    }

    /// <summary>A running campaign of the vendor's account for <paramref name="agents"/> (free in Meiqia's agent list), its
    /// contacts due at <see cref="Start"/>, open at every hour unless <paramref name="configure"/> says otherwise.</summary>
    public async Task<long> CampaignAsync(string[] agents, Func<CampaignSettings, CampaignSettings> configure, params string[] numbers)
    {
        var campaigns = new CampaignStore(Database);
        var settings = configure(CampaignSettings.Default("Asia/Shanghai") with
        {
            Schedule = CallingSchedule.Always("Asia/Shanghai"),
            ProviderAccount = Page.Account,
            AgentIds = agents,
        });
        VendorPage.ListedFree(Host, agents);
        var campaign = await campaigns.CreateAsync("j-" + Guid.NewGuid().ToString("N")[..8], settings);
        using var files = new ListFiles();
        var list = files.Write("contacts.csv", "phone,name\n" + string.Join('\n', numbers.Select((n, i) => $"{n},Customer {i}")) + "\n");
        await new ContactListImporter(Database).ImportAsync(list, campaign.Name);
        // Imported contacts are due from the database's now(), which is not this clock.
        await RunningCampaign.ScalarAsync(Database, "update contacts set next_due_at = $1 where campaign_id = $2", Start.UtcDateTime, campaign.Id);
        await campaigns.TransitionAsync(campaign.Id, CampaignCommand.Start);
        Host.Services.GetRequiredService<RunningCampaigns>().Invalidate();
        return campaign.Id;
    }

    /// <summary>The agent's sample workbench of the vendor, connected, in the vendor page's language, in Shanghai's time zone.</summary>
    public async Task<IPage> OpenAsync(string agentId)
    {
        var context = await (await _browsers.BrowserAsync()).NewContextAsync(new BrowserNewContextOptions { TimezoneId = "Asia/Shanghai", Locale = Page.Locale });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(Page.Url(Host, agentId));
        await page.WaitForFunctionAsync("() => window.workbench && window.workbench.bridge.status === 'connected'");
        return page;
    }

    /// <summary>The agent logs off: its page closes, and the dialer has no session for it once the socket is gone.</summary>
    public async Task CloseAsync(IPage page, string agentId)
    {
        var center = Page.CallCenter(Host);
        var session = ((IBridgeAccount)center).Sessions.Find(agentId);
        Assert.NotNull(session);
        // The session ends (and is forgotten first) when the server sees the page's socket close.
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (session.Ended.Register(() => ended.TrySetResult()))
        {
            await page.Context.CloseAsync();
            await ended.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }

        Assert.Null(center.FindSession(agentId));
    }

    /// <summary>Moves the clock to <paramref name="at"/>.</summary>
    public void AdvanceTo(DateTimeOffset at) => Clock.Advance(at - Clock.GetUtcNow());

    /// <summary>
    /// What the agent sweep does for idle agents (<c>DialingEngine.SweepAgentsAsync</c>), awaited: Meiqia's agent list
    /// fetched now (<see cref="VendorPage.ListAgentsAsync"/>), then one dispatch batch for <paramref name="agents"/>, the
    /// first idle longest; preview offers it makes are left open.
    /// </summary>
    public async Task<IReadOnlyList<DispatchOutcome>> DispatchAsync(params string[] agents)
    {
        var now = Clock.GetUtcNow();
        var center = Page.CallCenter(Host);
        await Page.ListAgentsAsync(Host);
        Host.Services.GetRequiredService<RunningCampaigns>().Invalidate();
        return await Host.Services.GetRequiredService<Dispatcher>().DispatchAsync(
            agents.Select((agent, i) => new DispatchTrigger(center, agent, now.AddSeconds(i - agents.Length))).ToList(), CancellationToken.None);
    }

    /// <summary>The make-calls the page's call center received, in order: (number as dialled, business id).</summary>
    public Task<IReadOnlyList<(string Number, string BizId)>> MakeCallsAsync(IPage page) => Page.MakeCallsAsync(page);

    /// <summary>Waits until the page's call center has received <paramref name="count"/> make-calls.</summary>
    public Task UntilMakeCallsAsync(IPage page, int count) => Page.UntilMakeCallsAsync(page, count);

    public static Task<long> ScalarAsync(NpgsqlDataSource database, string sql, params object[] values) => RunningCampaign.ScalarAsync(database, sql, values);

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            try
            {
                await context.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // Closed by the test already.
            }
        }

        await Host.DisposeAsync();
    }
}
