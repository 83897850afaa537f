using System.Net;
using System.Text;
using AutoDialer.Testing;
using static AutoDialer.Testing.XlsxBuilder;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>The mapping step over the API: upload for review, preview the first rows and detected columns, import with the chosen columns.</summary>
[Collection("postgres")]
public sealed class UploadMappingApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);
    public async Task DisposeAsync() => await server.DisposeAsync();

    private async Task<long> StageAsync(long campaignId, byte[] bytes, string fileName)
    {
        using var response = await server.Client.PostAsync($"api/campaigns/{campaignId}/uploads?review=true", ApiServer.FileForm(bytes, fileName));
        var upload = await ApiServer.ReadAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("staged", upload.GetProperty("status").GetString());
        return upload.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task A_workbook_staged_for_review_is_previewed_without_importing_and_imported_with_the_phone_column_a_person_chose()
    {
        var campaign = await server.CreateCampaignAsync("mapped");
        var book = new XlsxBuilder().Sheet("名单", "A1:D4");
        book.Row(1, book.Text("A1", "手机号"), book.Text("B1", "姓名"), book.Text("C1", "备用电话"), book.Text("D1", "注册日期"))
            .Row(2, book.Text("A2", "n/a"), book.Text("B2", "张三"), Number("C2", "13800138000"), Date("D2", new DateTime(2024, 3, 5)))
            .Row(4, book.Text("A4", "unknown"), book.Text("B4", "李四"), Number("C4", "13800138001"));
        var uploadId = await StageAsync(campaign, book.ToBytes(), "名单.xlsx");

        var preview = await server.GetJsonAsync($"api/uploads/{uploadId}/preview?rows=5");
        Assert.Equal(("xlsx", 1), (preview.GetProperty("format").GetString(), preview.GetProperty("header_line").GetInt32()));
        Assert.Equal(["手机号", "姓名", "备用电话", "注册日期"], preview.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(0, preview.GetProperty("detected").GetProperty("phone").GetInt32());
        Assert.Equal(1, preview.GetProperty("detected").GetProperty("name").GetInt32());
        Assert.Equal(JsonValueKindNull, preview.GetProperty("detected").GetProperty("timezone").ValueKind);
        var rows = preview.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([2, 4], rows.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(["n/a", "张三", "13800138000", "2024-03-05"], rows[0].GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        // Nothing is imported, or queued, by staging and previewing.
        Assert.Equal(0, (await server.GetJsonAsync($"api/campaigns/{campaign}/progress")).GetProperty("contacts").GetInt64());
        Assert.Equal("staged", (await server.GetJsonAsync($"api/uploads/{uploadId}")).GetProperty("status").GetString());

        var queued = await server.PostJsonAsync($"api/uploads/{uploadId}/import", new { phone_column = 2, name_column = 1 }, HttpStatusCode.Accepted);
        Assert.Equal("queued", queued.GetProperty("status").GetString());
        Assert.Equal(2, queued.GetProperty("mapping").GetProperty("phone").GetInt32());
        await server.Jobs.UntilFinishedAsync($"upload-{uploadId}", TimeSpan.FromSeconds(60));

        var upload = await server.GetJsonAsync($"api/uploads/{uploadId}");
        Assert.Equal("imported", upload.GetProperty("status").GetString());
        var report = await server.GetJsonAsync($"api/uploads/{uploadId}/report");
        Assert.Equal((2, 2, 0), (report.GetProperty("rows").GetInt32(), report.GetProperty("accepted").GetInt32(), report.GetProperty("rejected").GetInt32()));
        Assert.Equal("xlsx", report.GetProperty("encoding").GetString());
        var attempts = await server.GetJsonAsync($"api/campaigns/{campaign}/progress");
        Assert.Equal(2, attempts.GetProperty("contacts").GetInt64());

        // Confirmed once: a second confirmation changes nothing.
        var again = await server.PostJsonAsync($"api/uploads/{uploadId}/import", new { phone_column = 0 }, HttpStatusCode.Conflict);
        Assert.Equal("imported", again.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_csv_imported_with_the_detected_columns_needs_only_the_confirmation()
    {
        var campaign = await server.CreateCampaignAsync("detected");
        var uploadId = await StageAsync(campaign, Encoding.UTF8.GetBytes("姓名,电话\n王伟,13800138000\n李娜,12345\n"), "list.csv");
        var preview = await server.GetJsonAsync($"api/uploads/{uploadId}/preview");
        Assert.Equal(("csv", ",", "utf-8"), (preview.GetProperty("format").GetString(), preview.GetProperty("delimiter").GetString(), preview.GetProperty("encoding").GetString()));
        var detected = preview.GetProperty("detected");

        await server.PostJsonAsync($"api/uploads/{uploadId}/import",
            new { phone_column = detected.GetProperty("phone").GetInt32(), name_column = detected.GetProperty("name").GetInt32() }, HttpStatusCode.Accepted);
        await server.Jobs.UntilFinishedAsync($"upload-{uploadId}", TimeSpan.FromSeconds(60));

        var report = await server.GetJsonAsync($"api/uploads/{uploadId}/report");
        Assert.Equal((2, 1, 1), (report.GetProperty("rows").GetInt32(), report.GetProperty("accepted").GetInt32(), report.GetProperty("rejected").GetInt32()));
        Assert.Equal(3, report.GetProperty("first_rejects")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task A_mapping_that_does_not_fit_is_refused_by_field_and_the_upload_stays_staged()
    {
        var campaign = await server.CreateCampaignAsync("misfit");
        var uploadId = await StageAsync(campaign, "phone,name\n13800138000,A\n"u8.ToArray(), "two.csv");

        var problem = await server.PostJsonAsync($"api/uploads/{uploadId}/import", new { phone_column = 0, name_column = 0 }, HttpStatusCode.BadRequest);
        Assert.Contains("already the phone column", problem.GetProperty("errors").GetProperty("name_column")[0].GetString());
        problem = await server.PostJsonAsync($"api/uploads/{uploadId}/import", new { phone_column = 2 }, HttpStatusCode.BadRequest);
        Assert.Contains("column 2 does not exist", problem.GetProperty("errors").GetProperty("phone_column")[0].GetString());
        problem = await server.PostJsonAsync($"api/uploads/{uploadId}/import", new { name_column = 1 }, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("phone_column", out _));

        Assert.Equal("staged", (await server.GetJsonAsync($"api/uploads/{uploadId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_old_xls_staged_for_review_is_named_in_the_preview()
    {
        var campaign = await server.CreateCampaignAsync("xls");
        var uploadId = await StageAsync(campaign, CompoundFileBuilder.Build("Workbook"), "old.xls");

        var problem = await server.GetJsonAsync($"api/uploads/{uploadId}/preview", HttpStatusCode.BadRequest);

        Assert.Contains("old .xls workbook", problem.GetProperty("errors").GetProperty("file")[0].GetString());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
