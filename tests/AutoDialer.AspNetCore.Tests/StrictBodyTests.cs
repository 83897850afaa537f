using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AutoDialer.AspNetCore.Api;
using AutoDialer.Core.Campaigns;
using AutoDialer.Testing;
using Dapper;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// Every JSON request body is read strictly: a member the API does not have (a misspelling, an old name, a name from
/// another document) is a 400 naming it by its path, and nothing changes. Before, such a member was skipped: a settings
/// body with the README's cap names stored every cap as 0, off, and answered 200.
/// </summary>
[Collection("postgres")]
public sealed class StrictBodyTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Schedule = """{"time_zone_id":"Asia/Shanghai","windows":[{"day":"monday","start":"09:00:00","end":"18:00:00"}]}""";

    /// <summary>What the campaign holds before each request: caps 2 a day, 5 a week, 1 per caller number.</summary>
    private static readonly string StoredSettings =
        With("""{"schedule":SCHEDULE,"retry":{"max_attempts":4},"frequency_caps":{"per_24_hours":2,"per_7_days":5,"per_caller_number_per_24_hours":1}}""");

    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);
    public async Task DisposeAsync() => await server.DisposeAsync();

    /// <summary>One row per mistake: the operation as the OpenAPI document names it, the body, the member the 400 must name.</summary>
    public static TheoryData<string, string, string> Mistakes => new()
    {
        // The README's old text and the API's old names, each against the other.
        { "PUT /api/campaigns/{id}/settings",
            With("""{"schedule":SCHEDULE,"frequency_caps":{"per24_hours":1,"per7_days":3,"per_caller_number_per24_hours":1}}"""),
            "frequency_caps.per24_hours" },
        { "PUT /api/campaigns/{id}/settings", With("""{"schedule":SCHEDULE,"retry":{"max_atempts":1}}"""), "retry.max_atempts" },
        { "PUT /api/campaigns/{id}/settings", With("""{"schedule":SCHEDULE,"ProviderAccount":"udesk","AgentIds":["1001"]}"""), "ProviderAccount" },
        { "PUT /api/campaigns/{id}/settings", With("""{"schedule":SCHEDULE,"caller_numbers":[{"id":"n1","number":"+861062345678","cap":9}]}"""),
            "caller_numbers[0].cap" },
        { "PUT /api/campaigns/{id}/settings", With("""{"schedule":SCHEDULE,"retry":{"max_attempts":9,"max_attempts":1}}"""), "retry.max_attempts" },
        // Names of values the settings derive (and once stored): known to .NET, still not members of the body.
        { "PUT /api/campaigns/{id}/settings",
            With("""{"schedule":SCHEDULE,"frequency_caps":{"per_24_hours":1,"per_7_days":3,"per_caller_number_per_24_hours":1,"lookback":"7.00:00:00"}}"""),
            "frequency_caps.lookback" },
        { "PUT /api/campaigns/{id}/settings",
            """{"schedule":{"time_zone_id":"Asia/Shanghai","windows":[{"day":"friday","start":"20:00:00","end":"02:00:00","crosses_midnight":false}]}}""",
            "schedule.windows[0].crosses_midnight" },
        { "POST /api/campaigns", With("""{"name":"new","settings":{"schedule":SCHEDULE,"retry":{"max_atempts":1}}}"""), "settings.retry.max_atempts" },
        { "POST /api/campaigns", """{"name":"new","timezone":"Asia/Tokyo"}""", "timezone" },
        { "POST /api/campaigns/{id}/attempts/search", """{"phone":"13800138000","limt":5}""", "limt" },
        { "POST /api/dnc", """{"numbers":["13900139000"],"sorce":"crm"}""", "sorce" },
        { "POST /api/dnc/remove", """{"numbers":["13800138000"],"source":"crm"}""", "source" },
        { "POST /api/dnc/lookup", """{"number":"13800138000","numbers":["13900139000"]}""", "numbers" },
        { "POST /api/uploads/{id}/import", """{"phone_column":0,"name_colum":1}""", "name_colum" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_body_with_a_member_the_api_does_not_have_is_a_400_naming_it_and_changes_nothing(string operation, string body, string member)
    {
        var campaign = await server.CreateCampaignAsync("steady", JsonDocument.Parse(StoredSettings).RootElement);
        await server.PostJsonAsync("api/dnc", new { numbers = new[] { "13800138000" } }, HttpStatusCode.OK);
        var before = await StateAsync();

        var (method, path) = (operation[..operation.IndexOf(' ')], operation[(operation.IndexOf(' ') + 2)..].Replace("{id}", $"{campaign}"));
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = ApiServer.RawJson(body) };
        using var response = await server.Client.SendAsync(request);

        var problem = await ApiServer.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(member, out var messages), problem.ToString());
        Assert.DoesNotContain("AutoDialer.", messages[0].GetString()); // says what is wrong in the API's words, not .NET's
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task A_misspelt_member_is_told_the_members_it_could_have_meant()
    {
        var campaign = await server.CreateCampaignAsync("steady", JsonDocument.Parse(StoredSettings).RootElement);
        using var put = await server.Client.PutAsync($"api/campaigns/{campaign}/settings",
            ApiServer.RawJson(With("""{"schedule":SCHEDULE,"frequency_caps":{"per24_hours":1}}""")));

        var message = (await ApiServer.ReadAsync(put, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("frequency_caps.per24_hours")[0].GetString();

        Assert.Equal("Not a member here. The members here are: per_24_hours, per_7_days, per_caller_number_per_24_hours.", message);
    }

    /// <summary>The table above covers every operation that takes a JSON body: a new one needs a row.</summary>
    [Fact]
    public async Task Every_operation_that_takes_a_json_body_has_a_row_above()
    {
        var document = await server.GetJsonAsync("openapi/v1.json");
        var withJsonBodies = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => operation.Value.TryGetProperty("requestBody", out var body)
                    && body.GetProperty("content").TryGetProperty("application/json", out _))
                .Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .Order().ToList();

        Assert.Equal(Mistakes.Select(row => (string)row[0]).Distinct().Order(), withJsonBodies);
    }

    private static string With(string json) => json.Replace("SCHEDULE", Schedule, StringComparison.Ordinal);

    /// <summary>
    /// A member a body's type writes but cannot set counts as known, so strict reading would still skip it without a
    /// word (as the derived frequency_caps.lookback and any_on were): every member of every JSON body must be settable.
    /// </summary>
    [Fact]
    public void Every_member_of_every_json_body_can_be_set()
    {
        var bodies = server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(endpoint => endpoint.Metadata.OfType<IAcceptsMetadata>())
            .Where(accepts => accepts.RequestType is not null && accepts.ContentTypes.Contains("application/json"))
            .Select(accepts => accepts.RequestType!).Distinct().ToList();

        Assert.Contains(typeof(CampaignSettings), bodies);
        Assert.Empty(bodies.SelectMany(body => Unsettable(ApiJson.Options.GetTypeInfo(body), body.Name, depth: 0)));
    }

    private static IEnumerable<string> Unsettable(JsonTypeInfo info, string path, int depth)
    {
        if (depth > 10) yield break;
        if (info.ElementType is { } element)
            foreach (var member in Unsettable(ApiJson.Options.GetTypeInfo(element), $"{path}[]", depth + 1))
                yield return member;
        if (info.Kind != JsonTypeInfoKind.Object) yield break;
        foreach (var property in info.Properties)
        {
            if (property.Set is null && property.AssociatedParameter is null) yield return $"{path}.{property.Name}";
            foreach (var member in Unsettable(ApiJson.Options.GetTypeInfo(property.PropertyType), $"{path}.{property.Name}", depth + 1))
                yield return member;
        }
    }

    /// <summary>Everything a request above could change: the stored campaigns (settings as stored), the do-not-call list.</summary>
    private async Task<string> StateAsync()
    {
        await using var connection = await server.Db.OpenConnectionAsync();
        var campaigns = await connection.QueryAsync<string>("select concat_ws(' ', id, name, state, time_zone, settings::text, updated_at) from campaigns order by id");
        var doNotCall = await connection.QueryAsync<string>("select phone from dnc order by phone");
        return new StringBuilder().AppendJoin('\n', campaigns).Append("\n--\n").AppendJoin('\n', doNotCall).ToString();
    }
}
