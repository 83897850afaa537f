using System.Text;
using AutoDialer.AspNetCore.Tests;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

/// <summary>
/// The caller-numbers page, in Chromium, in Chinese and in English: a number's complaint and wrong-number dispositions
/// among its recent calls, the flags they raise past the campaign's maximum, and until when it rests beside them (the
/// reason), as the board reads them from the attempts.
/// </summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class CallerNumberHealthPageTests(PostgresFixture postgres, BrowserFixture browser) : IAsyncLifetime
{
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_number_past_its_complaints_and_wrong_numbers_shows_them_flagged_and_rested_in_Chinese_and_English()
    {
        var id = await server.CreateCampaignAsync("health", new
        {
            schedule = new { time_zone_id = "Asia/Shanghai", windows = new[] { new { day = "monday", start = "09:00:00", end = "21:00:00" } } },
            caller_numbers = new[] { new { id = "n1", number = "+862161230001", daily_cap = 0 }, new { id = "n2", number = "+862161230002", daily_cap = 0 } },
            rotation = new { health = new { max_complaints = 0, max_wrong_numbers = 0 } },
            dispositions = new
            {
                codes = new object[]
                {
                    new { code = "complained", label_zh = "投诉", label_en = "Complained", effect = "final_failure", complaint = true },
                    new { code = "wrong_number", label_zh = "号码错误", label_en = "Wrong number", effect = "wrong_number" },
                    new { code = "no", label_zh = "无意向", label_en = "No", effect = "final_failure" },
                },
            },
        });
        var imported = await server.UploadAndImportAsync(id, Encoding.UTF8.GetBytes("phone\n13800138000\n13900139000\n13700137000\n"), "health.csv");
        Assert.Equal("imported", imported.GetProperty("status").GetString());
        await using (var connection = await server.Db.OpenConnectionAsync())
        {
            // n1 showed a call given a complaint and one given a wrong number, and rests; n2 showed one given neither.
            await connection.ExecuteAsync("""
                insert into attempts (campaign_id, contact_id, provider_account, agent_id, phone, dial_string, caller_number_id, caller_number,
                                      status, outcome, talk_seconds, node, created_at, settled_at, disposition_code, disposition_effect, disposed_at)
                select c.campaign_id, c.id, 'fake', 'a1', c.phone, c.phone, case when c.phone like '%137000' then 'n2' else 'n1' end, '+862161230001',
                       'settled', 'answered', 30, 'test', now(), now(),
                       case when c.phone like '%138000' then 'complained' when c.phone like '%139000' then 'wrong_number' else 'no' end,
                       case when c.phone like '%139000' then 'wrong_number' else 'final_failure' end, now()
                from contacts c where c.campaign_id = @id;
                update caller_numbers set rested_until = now() + interval '2 hours' where campaign_id = @id and id = 'n1';
                """, new { id });
        }

        foreach (var (locale, complaints, wrongNumbers, rested) in new[] { ("zh-CN", "被投诉", "号码错误多", "休息至"), ("en-US", "complaints", "wrong numbers", "rested until") })
        {
            var page = await browser.NewPageAsync(server.Address, locale: locale);
            var problems = await PageProblems.WatchAsync(page);
            await page.GotoAsync("#/numbers");
            var flagged = page.Locator("tr[data-number='n1']");
            await Assertions.Expect(flagged.GetByTestId("number-complaints")).ToHaveTextAsync("1");
            await Assertions.Expect(flagged.GetByTestId("number-wrong-numbers")).ToHaveTextAsync("1");
            var health = flagged.GetByTestId("number-health");
            await Assertions.Expect(health.Locator("[data-flag=complaints]")).ToHaveTextAsync(complaints);
            await Assertions.Expect(health.Locator("[data-flag=wrong_numbers]")).ToHaveTextAsync(wrongNumbers);
            await Assertions.Expect(health).ToContainTextAsync(rested);

            var fine = page.Locator("tr[data-number='n2']");
            await Assertions.Expect(fine.GetByTestId("number-complaints")).ToHaveTextAsync("0");
            await Assertions.Expect(fine.GetByTestId("number-wrong-numbers")).ToHaveTextAsync("0");
            await Assertions.Expect(fine.GetByTestId("number-health").Locator("[data-flag]")).ToHaveCountAsync(0);
            await BrowserFixture.ScreenshotAsync(page, $"caller-number-health-{locale}");
            Assert.Empty(await problems.AllAsync());
            await page.Context.CloseAsync();
        }
    }
}
