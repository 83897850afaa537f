using System.Net;
using System.Text;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.AspNetCore.Tests;

[Collection("postgres")]
public sealed class UploadApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ApiServer server = null!;

    static UploadApiTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);
    public async Task DisposeAsync() => await server.DisposeAsync();

    private static byte[] Gb18030(string text) => Encoding.GetEncoding("GB18030").GetBytes(text);

    [Fact]
    public async Task A_gb18030_list_is_streamed_to_disk_imported_by_the_job_and_reported_by_reason_with_line_numbers()
    {
        var id = await server.CreateCampaignAsync("spring");
        var upload = await server.UploadAndImportAsync(id, Gb18030("手机号,姓名,城市\n13800138000,王伟,北京\n12345,坏号,上海\n1.38001E+10,科学,广州\n13800138000,重复,北京\n+8613900139000,李娜,深圳\n"), "客户名单.csv");

        Assert.Equal("imported", upload.GetProperty("status").GetString());
        Assert.Equal(1.0, upload.GetProperty("progress").GetDouble());
        Assert.Equal("客户名单.csv", upload.GetProperty("file_name").GetString());
        var uploadId = upload.GetProperty("id").GetInt64();

        var report = await server.GetJsonAsync($"api/uploads/{uploadId}/report");
        Assert.Equal("gb18030", report.GetProperty("encoding").GetString());
        Assert.Equal((5, 2, 2, 1), (report.GetProperty("rows").GetInt32(), report.GetProperty("accepted").GetInt32(),
            report.GetProperty("rejected").GetInt32(), report.GetProperty("duplicates").GetInt32()));
        var byReason = report.GetProperty("by_reason");
        Assert.Equal(1, byReason.GetProperty("too_short").GetInt32());
        Assert.Equal(1, byReason.GetProperty("excel_scientific").GetInt32());
        Assert.Equal(1, byReason.GetProperty("duplicate").GetInt32());
        var first = report.GetProperty("first_rejects").EnumerateArray().ToList();
        Assert.Equal([3, 4, 5], first.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal("坏号", first[0].GetProperty("fields")[1].GetString());

        using var csv = await server.Client.GetAsync($"api/uploads/{uploadId}/rejects.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line,reason,手机号,姓名,城市", lines[0].TrimEnd('\r'));
        Assert.Equal(4, lines.Length);

        var progress = await server.GetJsonAsync($"api/campaigns/{id}/progress");
        Assert.Equal(2, progress.GetProperty("contacts").GetInt64());
        var recent = await server.GetJsonAsync($"api/uploads?campaign_id={id}");
        Assert.Equal(uploadId, Assert.Single(recent.EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Empty(Directory.GetFiles(Path.Combine(server.DataDirectory, "uploads"), "*.part"));
    }

    [Fact]
    public async Task A_list_larger_than_the_servers_default_body_limit_is_accepted()
    {
        // Kestrel refuses bodies over 30 MB unless an endpoint lifts the limit; 40 MB proves this one does.
        var id = await server.CreateCampaignAsync("big");
        var text = new StringBuilder("phone,name,note\n");
        var filler = new string('x', 400);
        for (var i = 0; text.Length < 40 << 20; i++) text.Append("1380").Append((i % 10_000_000).ToString("D7")).Append(",n,").Append(filler).Append('\n');
        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        using var response = await server.Client.PostAsync($"api/campaigns/{id}/uploads", ApiServer.FileForm(bytes, "big.csv"));
        var upload = await ApiServer.ReadAsync(response, HttpStatusCode.Accepted);
        Assert.Equal(bytes.Length, upload.GetProperty("size_bytes").GetInt64());
        await server.Jobs.UntilFinishedAsync($"upload-{upload.GetProperty("id").GetInt64()}", TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task A_list_that_cannot_be_imported_fails_with_its_reason_and_leaves_no_list_or_report()
    {
        var id = await server.CreateCampaignAsync("nophone");
        var upload = await server.UploadAndImportAsync(id, "name,city\nWang,Beijing\n"u8.ToArray(), "no-phone.csv");
        Assert.Equal("failed", upload.GetProperty("status").GetString());
        Assert.Contains("no phone column", upload.GetProperty("error").GetString());
        var uploadId = upload.GetProperty("id").GetInt64();
        var problem = await server.GetJsonAsync($"api/uploads/{uploadId}/report", HttpStatusCode.Conflict);
        Assert.Equal("failed", problem.GetProperty("status").GetString());
        using var csv = await server.Client.GetAsync($"api/uploads/{uploadId}/rejects.csv");
        Assert.Equal(HttpStatusCode.Conflict, csv.StatusCode);
        await using var connection = await server.Db.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from contact_lists"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from contacts"));
    }

    [Fact]
    public async Task Invalid_uploads_are_refused_and_record_nothing()
    {
        var id = await server.CreateCampaignAsync("strict");
        using (var empty = await server.Client.PostAsync($"api/campaigns/{id}/uploads", ApiServer.FileForm([], "empty.csv")))
            Assert.Contains("empty", (await ApiServer.ReadAsync(empty, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("file")[0].GetString());
        using (var noFile = await server.Client.PostAsync($"api/campaigns/{id}/uploads", new MultipartFormDataContent { { new StringContent("x"), "note" } }))
            await ApiServer.ReadAsync(noFile, HttpStatusCode.BadRequest);
        using (var notMultipart = await server.Client.PostAsync($"api/campaigns/{id}/uploads", new StringContent("phone\n1\n")))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, notMultipart.StatusCode);
        using (var unknown = await server.Client.PostAsync("api/campaigns/999/uploads", ApiServer.FileForm("phone\n13800138000\n"u8.ToArray(), "a.csv")))
            await ApiServer.ReadAsync(unknown, HttpStatusCode.NotFound);
        await server.PostJsonAsync($"api/campaigns/{id}/cancel", null, HttpStatusCode.OK);
        using (var cancelled = await server.Client.PostAsync($"api/campaigns/{id}/uploads", ApiServer.FileForm("phone\n13800138000\n"u8.ToArray(), "a.csv")))
            await ApiServer.ReadAsync(cancelled, HttpStatusCode.Conflict);

        Assert.Equal(0, (await server.GetJsonAsync("api/uploads")).GetArrayLength());
        var folder = Path.Combine(server.DataDirectory, "uploads");
        Assert.True(!Directory.Exists(folder) || Directory.GetFiles(folder).Length == 0);
    }

    [Fact]
    public async Task Unknown_uploads_are_not_found_and_bad_query_values_are_named()
    {
        await server.GetJsonAsync("api/uploads/42", HttpStatusCode.NotFound);
        await server.GetJsonAsync("api/uploads/42/report", HttpStatusCode.NotFound);
        using (var csv = await server.Client.GetAsync("api/uploads/42/rejects.csv"))
            Assert.Equal(HttpStatusCode.NotFound, csv.StatusCode);
        var problem = await server.GetJsonAsync("api/uploads?limit=lots&campaign_id=x", HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("campaign_id", out _));
        await server.GetJsonAsync("api/uploads?campaign_id=999", HttpStatusCode.NotFound);
    }
}
