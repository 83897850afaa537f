using System.Net;
using System.Text;
using System.Text.Json;
using AutoDialer.Testing;

namespace AutoDialer.AspNetCore.Tests;

[Collection("postgres")]
public sealed class DncApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);
    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Numbers_are_added_normalised_suppress_pending_contacts_and_removing_them_restores_those_contacts()
    {
        var id = await server.CreateCampaignAsync("dnc");
        await server.UploadAndImportAsync(id, "phone\n13800138000\n13900139000\n"u8.ToArray(), "l.csv");

        var added = await server.PostJsonAsync("api/dnc", new { numbers = new[] { "138 0013 8000", "not a number" } }, HttpStatusCode.OK);
        Assert.Equal(1, added.GetProperty("added").GetInt32());
        Assert.Equal(1, added.GetProperty("contacts_suppressed").GetInt32());
        Assert.Equal("not a number", Assert.Single(added.GetProperty("invalid").EnumerateArray()).GetProperty("input").GetString());
        Assert.Equal(1, (await server.GetJsonAsync($"api/campaigns/{id}/progress")).GetProperty("suppressed").GetInt64());

        var lookup = await server.PostJsonAsync("api/dnc/lookup", new { number = "+86 138-0013-8000" }, HttpStatusCode.OK);
        Assert.True(lookup.GetProperty("listed").GetBoolean());
        Assert.Equal("+8613800138000", lookup.GetProperty("phone").GetString());
        var page = await server.GetJsonAsync("api/dnc");
        Assert.Equal(1, page.GetProperty("total").GetInt64());

        var removed = await server.PostJsonAsync("api/dnc/remove", new { numbers = new[] { "13800138000" } }, HttpStatusCode.OK);
        Assert.Equal(1, removed.GetProperty("removed").GetInt32());
        Assert.Equal(1, removed.GetProperty("contacts_restored").GetInt32());
        Assert.False((await server.PostJsonAsync("api/dnc/lookup", new { number = "13800138000" }, HttpStatusCode.OK)).GetProperty("listed").GetBoolean());
        Assert.Equal(0, (await server.GetJsonAsync($"api/campaigns/{id}/progress")).GetProperty("suppressed").GetInt64());
    }

    [Fact]
    public async Task A_dnc_file_is_uploaded_and_its_numbers_added()
    {
        using var response = await server.Client.PostAsync("api/dnc/upload", ApiServer.FileForm("number\n13800138000\n13900139000,note\n"u8.ToArray(), "dnc.csv"));
        var result = await ApiServer.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal(2, result.GetProperty("added").GetInt32());
        Assert.Empty(Directory.GetFiles(Path.Combine(server.DataDirectory, "uploads")));
    }

    [Fact]
    public async Task A_gb18030_dnc_file_with_the_phone_in_its_third_column_adds_every_number_and_reports_the_lines_it_refused()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes("姓名,备注,手机号码\r\n王伟,老客户,13800138000\r\n李娜,\"投诉,两次\",139 0013 9000\r\n张敏,无,12\r\n刘洋,,0755-12345678\r\n");

        using var response = await server.Client.PostAsync("api/dnc/upload", ApiServer.FileForm(bytes, "黑名单.csv"));
        var result = await ApiServer.ReadAsync(response, HttpStatusCode.OK);

        Assert.Equal((4, "gb18030", 3, 0), (result.GetProperty("rows").GetInt32(), result.GetProperty("encoding").GetString(),
            result.GetProperty("added").GetInt32(), result.GetProperty("already_listed").GetInt32()));
        var refused = Assert.Single(result.GetProperty("refused").EnumerateArray());
        Assert.Equal((4, "12", "too_short"), (refused.GetProperty("line").GetInt32(), refused.GetProperty("input").GetString(), refused.GetProperty("reason").GetString()));
        var listed = (await server.GetJsonAsync("api/dnc")).GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("phone").GetString()).Order();
        Assert.Equal(["+8613800138000", "+8613900139000", "+8675512345678"], listed);
    }

    [Fact]
    public async Task A_dnc_file_without_a_phone_column_is_refused_with_what_its_header_has_and_adds_nothing()
    {
        using var response = await server.Client.PostAsync("api/dnc/upload", ApiServer.FileForm("姓名,备注\n王伟,13800138000\n"u8.ToArray(), "x.csv"));
        var problem = await ApiServer.ReadAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains("no phone column: the header has [姓名, 备注]", problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(0, (await server.GetJsonAsync("api/dnc")).GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("""{}""", "numbers")]
    [InlineData("""{"numbers":[]}""", "numbers")]
    [InlineData("""{"numbers":"13800138000"}""", "numbers")]
    [InlineData("""{"numbers":[138]}""", "numbers[0]")]
    public async Task Invalid_add_and_remove_requests_name_the_field_and_change_nothing(string body, string field)
    {
        foreach (var path in new[] { "api/dnc", "api/dnc/remove" })
        {
            using var response = await server.Client.PostAsync(path, ApiServer.RawJson(body));
            var problem = await ApiServer.ReadAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        Assert.Equal(0, (await server.GetJsonAsync("api/dnc")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Invalid_lookups_uploads_and_pages_are_refused()
    {
        await server.PostJsonAsync("api/dnc/lookup", new { number = "12" }, HttpStatusCode.BadRequest);
        using (var missing = await server.Client.PostAsync("api/dnc/lookup", ApiServer.RawJson("{}")))
            Assert.True((await ApiServer.ReadAsync(missing, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("number", out _));
        using (var noNumbers = await server.Client.PostAsync("api/dnc/upload", ApiServer.FileForm("name\nWang\n"u8.ToArray(), "x.csv")))
            await ApiServer.ReadAsync(noNumbers, HttpStatusCode.BadRequest);
        await server.GetJsonAsync("api/dnc?limit=0", HttpStatusCode.BadRequest);
    }
}
