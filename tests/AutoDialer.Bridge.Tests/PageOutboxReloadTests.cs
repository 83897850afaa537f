using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Testing;
using Microsoft.Playwright;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// The page's outbox survives a reload, against the real <c>autodialer serve</c> in Chromium: a hang-up the page
/// recorded while its events were not getting through (the network held them), then a reload mid-call, and the
/// hang-up still reaches the server, exactly once, from the reloaded page's IndexedDB.
/// </summary>
[Collection("postgres")]
[Trait("Category", "Browser")]
public sealed class PageOutboxReloadTests(PostgresFixture postgres, BrowserFixture browsers)
{
    private const string StandIns = "http://standins.test/";

    /// <summary>How long serve may take to listen (a cold start on two shared cores).</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_hang_up_recorded_before_a_reload_reaches_the_server_exactly_once_after_it()
    {
        await using var rig = await ServedPage.StartAsync(postgres, browsers, "reload", "app-reload-1");
        var (database, node, page) = (rig.Database, rig.Node, rig.Page);
        // The page's socket through a route that can hold the page's events, as a network that stops carrying them.
        var holdEvents = false;
        await page.RouteWebSocketAsync("**/autodialer/bridge", socket =>
        {
            var server = socket.ConnectToServer();
            socket.OnMessage(frame =>
            {
                if (!(Volatile.Read(ref holdEvents) && frame.Text is { } text && text.Contains("\"type\":\"event\"", StringComparison.Ordinal)))
                    server.Send(frame.Text ?? "");
            });
        });
        var url = new Uri(node.Url!, $"/samples/workbench-udesk.html?agent=1201&account=udesk&sdk={StandIns}udesk.js").ToString();
        await page.GotoAsync(url);
        await page.WaitForFunctionAsync(Connected);

        // On a call; the customer hangs up while the page's events do not get through.
        await page.EvaluateAsync(Emit("Established"));
        await page.WaitForFunctionAsync(OutboxEmpty);
        Volatile.Write(ref holdEvents, true);
        await page.EvaluateAsync(Emit("ConnectionCleared"));
        // Kept in IndexedDB, not only in the page's memory.
        await page.WaitForFunctionAsync("""
            async () => (await new Promise(resolve => {
              const open = indexedDB.open('autodialer-bridge');
              open.onsuccess = () => {
                const read = open.result.transaction('events').objectStore('events').getAll();
                read.onsuccess = () => resolve(read.result);
              };
            })).some(r => r.event.name === 'ConnectionCleared')
            """);
        Assert.Equal(0L, await CountAsync(database, "ConnectionCleared"));

        Volatile.Write(ref holdEvents, false);
        await page.ReloadAsync();
        await page.WaitForFunctionAsync(Connected);
        // serve is another process: its table is polled, with a deadline.
        var until = DateTime.UtcNow.AddSeconds(20);
        while (await CountAsync(database, "ConnectionCleared") == 0 && DateTime.UtcNow < until) await Task.Delay(100);
        Assert.True(await CountAsync(database, "ConnectionCleared") > 0, "the hang-up recorded before the reload never reached the server");
        await page.WaitForFunctionAsync(OutboxEmpty);

        Assert.Equal(1L, await CountAsync(database, "ConnectionCleared"));
        Assert.Equal(1L, await CountAsync(database, "Established"));
    }

    /// <summary>
    /// A page that got a make-call on one session and reloaded still answers for it: its record of make-calls (the
    /// sessions it had and the business ids it handed to its SDK in them) is in the tab's sessionStorage, written before
    /// the SDK got the call, and the reloaded page's call-state report names the earlier session and the call. Without it the
    /// server cannot tell a make-call lost in the socket at the reload from one the vendor placed: the attempt was settled
    /// unknown and its contact's budget spent (the chaos run's budget_leaked).
    /// </summary>
    [Fact]
    public async Task A_page_that_reloads_still_reports_the_make_calls_of_its_earlier_sessions()
    {
        await using var rig = await ServedPage.StartAsync(postgres, browsers, "reload_make_calls", "app-reload-2");
        var (node, page) = (rig.Node, rig.Page);
        // Each page's socket through a route: the test speaks as the server to the page, and reads the page's reports.
        var reports = System.Threading.Channels.Channel.CreateUnbounded<string>();
        IWebSocketRoute? current = null;
        await page.RouteWebSocketAsync("**/autodialer/bridge", socket =>
        {
            var server = socket.ConnectToServer();
            Volatile.Write(ref current, socket);
            socket.OnMessage(frame =>
            {
                if (frame.Text is { } text && text.Contains("\"type\":\"call-state\"", StringComparison.Ordinal)) reports.Writer.TryWrite(text);
                server.Send(frame.Text ?? "");
            });
        });
        var url = new Uri(node.Url!, $"/samples/workbench-udesk.html?agent=1202&account=udesk&sdk={StandIns}udesk.js").ToString();
        await page.GotoAsync(url);
        await page.WaitForFunctionAsync(Connected);
        var first = await page.EvaluateAsync<string>("() => window.workbench.bridge.sessionId");

        // A make-call on the first session (as the server sends one), handed to the SDK.
        var deadline = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds();
        Volatile.Read(ref current)!.Send($$"""{"type":"command","id":"reload-mc-1","method":"MakeCallAsync","args":["+8613800000022",{"BizId":"7701"}],"deadline":{{deadline}}}""");
        await page.WaitForFunctionAsync("() => window.workbench.bridge.makeCalls.some(k => k.dialled.indexOf('7701') >= 0)");
        // Written to the tab's sessionStorage before the SDK got it.
        Assert.Contains("7701", await page.EvaluateAsync<string>("() => Object.keys(sessionStorage).map(k => sessionStorage.getItem(k)).join('|')"));

        await page.ReloadAsync();
        await page.WaitForFunctionAsync(Connected);
        var second = await page.EvaluateAsync<string>("() => window.workbench.bridge.sessionId");
        // The reloaded page's report on its new session (earlier reports, of the first session, are passed over).
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        System.Text.Json.JsonElement report;
        List<string?> sessions;
        do
        {
            report = System.Text.Json.JsonDocument.Parse(await reports.Reader.ReadAsync(wait.Token)).RootElement;
            sessions = report.GetProperty("sessions").EnumerateArray().Select(e => e.GetString()).ToList();
        }
        while (!sessions.Contains(second));

        Assert.NotEqual(first, second);
        Assert.Contains(first, sessions);
        Assert.Contains(second, sessions);
        Assert.Contains("7701", report.GetProperty("dialled").EnumerateArray().Select(e => e.GetString()));
    }

    /// <summary>A real <c>serve</c> on its own database and home, and a Chromium page with the stand-in SDKs routed in.</summary>
    private sealed class ServedPage : IAsyncDisposable
    {
        private TemporaryDirectory _home = null!;
        private IBrowserContext _context = null!;

        public Npgsql.NpgsqlDataSource Database { get; private init; } = null!;

        public ServeProcess Node { get; private init; } = null!;

        public IPage Page { get; private set; } = null!;

        public static async Task<ServedPage> StartAsync(PostgresFixture postgres, BrowserFixture browsers, string name, string appId)
        {
            var database = await postgres.CreateDatabaseAsync(name);
            var home = new TemporaryDirectory("autodialer-serve-", TemporaryDirectory.Reachable);
            var rig = new ServedPage
            {
                Database = database,
                _home = home,
                Node = ServeProcess.Serve(FreePort.Next(), new Dictionary<string, string>
                {
                    ["AUTODIALER_HOME"] = home.Path,
                    ["AUTODIALER_DB"] = postgres.ConnectionStringOf(database),
                    ["AutoDialer__Bridge__SigningKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
                    ["AutoDialer__Udesk__AccountId"] = "udesk",
                    ["AutoDialer__Udesk__AppId"] = appId,
                    ["AutoDialer__Udesk__AppSecret"] = "udesk-secret-" + appId,
                }),
            };
            await rig.Node.UntilListeningAsync(StartLimit);
            rig._context = await (await browsers.BrowserAsync()).NewContextAsync();
            await rig._context.RouteAsync(StandIns + "**", async route =>
            {
                var vendor = Path.GetFileNameWithoutExtension(new Uri(route.Request.Url).AbsolutePath);
                await route.FulfillAsync(new RouteFulfillOptions { Body = await StandInScripts.ReadAsync(vendor), ContentType = "text/javascript" });
            });
            rig.Page = await rig._context.NewPageAsync();
            rig.Page.SetDefaultTimeout(30_000);
            return rig;
        }

        public async ValueTask DisposeAsync()
        {
            if (_context is not null) await _context.DisposeAsync();
            await Node.DisposeAsync();
            _home.Dispose();
            await Database.DisposeAsync();
        }
    }

    private const string Connected = "() => window.workbench && window.workbench.bridge && window.workbench.bridge.status === 'connected'";

    /// <summary>Acked by the server (stored) and written out of IndexedDB.</summary>
    private const string OutboxEmpty = "() => window.workbench.bridge.outbox.length === 0";

    /// <summary>The stand-in SDK emits a call event of one fixed call, as the vendor's would.</summary>
    private static string Emit(string name) =>
        $"() => window.workbench.sdk.emit('{name}', {{ Code: '0000', Data: {{ CallID: 'reload-call-1', AgentInfo: {{}}, CustomerInfo: {{ City: '', Number: '+8613800000021' }}, WorkFlow: 'out_direct', CallType: 'Outbound' }}, Message: '', Visible: false }})";

    private static async Task<long> CountAsync(Npgsql.NpgsqlDataSource database, string name)
    {
        await using var count = database.CreateCommand("select count(*) from call_events where agent_id = '1201' and name = $1");
        count.Parameters.AddWithValue(name);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
