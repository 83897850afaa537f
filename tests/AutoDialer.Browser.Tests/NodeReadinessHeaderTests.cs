using AutoDialer.AspNetCore.Tests;
using AutoDialer.Dialing;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

/// <summary>
/// The dashboard's header shows every node of the cluster as it last reported its readiness: this node (which writes
/// its own report), one that says it is not ready and which checks failed, one whose report has expired, and none that
/// expired more than an hour ago; a node's name is text, never markup; in English on a desktop and in Chinese at 390 px
/// without the page scrolling sideways.
/// </summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class NodeReadinessHeaderTests(PostgresFixture postgres, BrowserFixture browser) : IAsyncLifetime
{
    private const string Hostile = "node-<b>x</b>";
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres,
        new Dictionary<string, string?> { ["AutoDialer:Observability:ReadinessReportInterval"] = "00:00:01" });

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_header_shows_each_node_ready_not_ready_with_its_failed_checks_or_not_reporting_in_both_languages_at_390_px()
    {
        var local = server.Services.GetRequiredService<IOptions<DialingOptions>>().Value.Node;
        await using (var connection = await server.Db.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                insert into node_readiness (node, ready, failing, checked_at, expires_at) values
                  ('node-b', false, '{database,job_server}', now(), now() + interval '1 hour'),
                  ('node-c', true, '{}', now() - interval '10 minutes', now() - interval '5 minutes'),
                  ('node-gone', true, '{}', now() - interval '3 hours', now() - interval '2 hours'),
                  (@hostile, true, '{}', now(), now() + interval '1 hour')
                """, new { hostile = Hostile });
            // This node's own report: written by the node within its interval, polled with a deadline.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (await connection.ExecuteScalarAsync<long>("select count(*) from node_readiness where node = @local and ready", new { local }) == 0
                   && DateTime.UtcNow < deadline)
                await Task.Delay(100);
        }

        foreach (var (width, height, locale, ready, notReady, silent) in new[]
                 {
                     (1280, 800, "en-US", $"{local}: ready", "node-b: not ready (database, job server)", "node-c: not reporting since"),
                     (390, 844, "zh-CN", $"{local}：就绪", "node-b：未就绪（数据库、任务服务器）", "node-c：自 "),
                 })
        {
            var page = await browser.NewPageAsync(server.Address, locale, width, height);
            await page.GotoAsync("#/campaigns");
            var nodes = page.GetByTestId("nodes");

            await Assertions.Expect(Node(nodes, local)).ToHaveTextAsync(ready);
            await Assertions.Expect(Node(nodes, local)).ToHaveClassAsync("node ready");
            await Assertions.Expect(Node(nodes, "node-b")).ToHaveTextAsync(notReady);
            await Assertions.Expect(Node(nodes, "node-b")).ToHaveClassAsync("node not-ready");
            await Assertions.Expect(Node(nodes, "node-c")).ToContainTextAsync(silent);
            await Assertions.Expect(Node(nodes, "node-c")).ToHaveClassAsync("node silent");
            await Assertions.Expect(nodes.Locator("[data-node='node-gone']")).ToHaveCountAsync(0);
            await Assertions.Expect(nodes.GetByText(Hostile, new() { Exact = false })).ToBeVisibleAsync();
            await Assertions.Expect(nodes.Locator("b")).ToHaveCountAsync(0);
            await Assertions.Expect(nodes).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"the header at {width}px is {overflow}px wider than the screen");
            await BrowserFixture.ScreenshotAsync(page, $"nodes-{width}");
        }
    }

    private static ILocator Node(ILocator nodes, string name) => nodes.Locator($"[data-node='{name}']");
}
