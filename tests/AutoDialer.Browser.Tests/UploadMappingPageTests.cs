using System.Text;
using AutoDialer.AspNetCore.Tests;
using AutoDialer.Testing;
using Microsoft.Playwright;
using static AutoDialer.Testing.XlsxBuilder;

namespace AutoDialer.Browser.Tests;

/// <summary>
/// The upload page's mapping step in Chromium: a CSV and an .xlsx dropped on the page show their first rows and detected
/// columns, nothing is imported until the columns are confirmed, and a phone column changed by hand is the one imported.
/// </summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class UploadMappingPageTests(PostgresFixture postgres, BrowserFixture browser) : IAsyncLifetime
{
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);
    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_csv_is_imported_with_the_phone_column_changed_in_the_mapping_step()
    {
        var id = await server.CreateCampaignAsync("映射 CSV");
        var page = await browser.NewPageAsync(server.Address);
        await page.GotoAsync($"#/upload?campaign={id}");
        await Assertions.Expect(page.GetByTestId("upload-campaign")).ToHaveValueAsync(id.ToString());

        await DashboardData.DropFileAsync(page, Encoding.UTF8.GetBytes("手机号,姓名,备用电话\nn/a,王伟,13800138000\nunknown,李娜,139-0013-9000\n"), "备用.csv", "text/csv");

        var preview = page.GetByTestId("mapping-preview");
        await Assertions.Expect(preview.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(preview.Locator("tbody tr").First).ToContainTextAsync("13800138000");
        await Assertions.Expect(page.GetByTestId("map-phone")).ToHaveValueAsync("0");
        await Assertions.Expect(page.GetByTestId("map-name")).ToHaveValueAsync("1");
        await Assertions.Expect(page.GetByTestId("map-timezone")).ToHaveValueAsync("");
        Assert.Equal(0, (await server.GetJsonAsync($"api/campaigns/{id}/progress")).GetProperty("contacts").GetInt64());

        await page.GetByTestId("map-phone").SelectOptionAsync("2");
        await Assertions.Expect(preview.Locator("th[data-column='2'] .badge")).ToHaveTextAsync("Phone");
        await Assertions.Expect(preview.Locator("th[data-column='0'] .badge")).ToHaveTextAsync("attribute");
        await page.GetByTestId("confirm-mapping").ClickAsync();

        await Assertions.Expect(page.GetByTestId("upload-status")).ToContainTextAsync("Imported");
        await Assertions.Expect(page.Locator("[data-count=accepted]")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-count=rejected]")).ToHaveTextAsync("0");
        Assert.Equal(2, (await server.GetJsonAsync($"api/campaigns/{id}/progress")).GetProperty("contacts").GetInt64());
        await BrowserFixture.ScreenshotAsync(page, "upload-mapping-csv-1280");
    }

    [Fact]
    public async Task An_xlsx_is_previewed_with_its_cells_as_text_and_imported_with_the_phone_column_changed()
    {
        var id = await server.CreateCampaignAsync("映射 XLSX");
        var book = new XlsxBuilder().Sheet("名单", "A1:D3");
        book.Row(1, book.Text("A1", "手机号"), book.Text("B1", "姓名"), book.Text("C1", "备用电话"), book.Text("D1", "注册日期"))
            .Row(2, book.Text("A2", "n/a"), book.Text("B2", "张三"), Number("C2", "13800138000"), Date("D2", new DateTime(2024, 3, 5)))
            .Row(3, book.Text("A3", "unknown"), book.Text("B3", "李四"), Number("C3", "13900139000"), Date("D3", new DateTime(2024, 3, 6, 9, 30, 0)));
        var page = await browser.NewPageAsync(server.Address, locale: "zh-CN");
        await page.GotoAsync($"#/upload?campaign={id}");
        await Assertions.Expect(page.GetByTestId("upload-campaign")).ToHaveValueAsync(id.ToString());

        await DashboardData.DropFileAsync(page, book.ToBytes(), "名单.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        var preview = page.GetByTestId("mapping-preview");
        await Assertions.Expect(preview.Locator("tbody tr").First).ToContainTextAsync("13800138000");
        await Assertions.Expect(preview.Locator("tbody tr").First).ToContainTextAsync("2024-03-05");
        await Assertions.Expect(preview.Locator("tbody tr").Nth(1)).ToContainTextAsync("2024-03-06 09:30:00");
        await Assertions.Expect(preview.Locator("th[data-column='2']")).ToContainTextAsync("C: 备用电话");
        await Assertions.Expect(page.GetByTestId("mapping")).ToContainTextAsync("Excel 工作簿");
        await Assertions.Expect(page.GetByTestId("map-phone")).ToHaveValueAsync("0");

        await page.GetByTestId("map-phone").SelectOptionAsync("2");
        await Assertions.Expect(preview.Locator("th[data-column='2'] .badge")).ToHaveTextAsync("电话");
        await BrowserFixture.ScreenshotAsync(page, "upload-mapping-step-1280");
        await page.GetByTestId("confirm-mapping").ClickAsync();

        await Assertions.Expect(page.GetByTestId("upload-status")).ToContainTextAsync("导入完成");
        await Assertions.Expect(page.Locator("[data-count=accepted]")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("report-counts")).ToBeVisibleAsync();
        Assert.Equal(2, (await server.GetJsonAsync($"api/campaigns/{id}/progress")).GetProperty("contacts").GetInt64());
        await BrowserFixture.ScreenshotAsync(page, "upload-mapping-xlsx-1280");
    }

    [Fact]
    public async Task An_old_xls_dropped_on_the_page_is_refused_with_what_it_is()
    {
        var id = await server.CreateCampaignAsync("旧格式");
        var page = await browser.NewPageAsync(server.Address);
        await page.GotoAsync($"#/upload?campaign={id}");
        await Assertions.Expect(page.GetByTestId("upload-campaign")).ToHaveValueAsync(id.ToString());

        await DashboardData.DropFileAsync(page, CompoundFileBuilder.Build("Workbook"), "old.xls", "application/vnd.ms-excel");

        await Assertions.Expect(page.GetByTestId("upload-status")).ToContainTextAsync("old .xls workbook");
        await Assertions.Expect(page.GetByTestId("confirm-mapping")).Not.ToBeAttachedAsync();
    }
}
