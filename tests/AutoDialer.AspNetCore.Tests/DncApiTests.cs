using System.Net;
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
