using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AutoDialer.AspNetCore.Access;
using AutoDialer.AspNetCore.Jobs;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// Roles, walked over every operation of the OpenAPI document (so an endpoint added later is walked too) plus the
/// bridge's token endpoints and the Hangfire Dashboard: each role, signed in to the dashboard and as an API key, is
/// refused (403, a problem naming the role needed) exactly what its role may not do, and served the rest. What each
/// operation needs is the table below; an operation not in it is a read for anyone when it is a GET and admin-only
/// otherwise, so a state-changing endpoint nobody thought about is expected to be refused to viewers and operators.
/// </summary>
[Collection("postgres")]
public sealed partial class RoleAccessTests(PostgresFixture postgres)
{
    /// <summary>What an operation needs, where that is not "GET: viewer, anything else: admin".</summary>
    private static readonly Dictionary<string, string> Needs = new(StringComparer.Ordinal)
    {
        ["POST /api/campaigns/{id}/start"] = AccessRoles.Operator,
        ["POST /api/campaigns/{id}/pause"] = AccessRoles.Operator,
        ["POST /api/campaigns/{id}/resume"] = AccessRoles.Operator,
        ["POST /api/campaigns/{id}/uploads"] = AccessRoles.Operator,
        ["POST /api/uploads/{id}/import"] = AccessRoles.Operator,
        ["POST /api/dnc"] = AccessRoles.Operator,
        ["POST /api/dnc/upload"] = AccessRoles.Operator,
        ["POST /api/agents/{agentId}/bridge-token"] = AccessRoles.Operator,
        ["GET /api/providers/udesk/token"] = AccessRoles.Operator,
        ["GET /api/providers/meiqia/token"] = AccessRoles.Operator,
        // Reads sent as POST, so that phone numbers stay out of URLs.
        ["POST /api/campaigns/{id}/attempts/search"] = AccessRoles.Viewer,
        ["POST /api/dnc/lookup"] = AccessRoles.Viewer,
        ["GET /api/audit"] = AccessRoles.Admin,
        ["POST /hangfire/recurring/trigger"] = AccessRoles.Admin,
    };

    /// <summary>The query a read needs to be answered 200 rather than 400.</summary>
    private static readonly Dictionary<string, string> Queries = new(StringComparer.Ordinal)
    {
        ["GET /api/events"] = "?topics=campaigns",
        ["POST /api/agents/{agentId}/bridge-token"] = "?providerAccount=udesk",
        ["GET /api/providers/udesk/token"] = "?agentId=1001",
        ["GET /api/providers/meiqia/token"] = "?agentId=1001",
    };

    private static readonly Dictionary<string, string> Bodies = new(StringComparer.Ordinal)
    {
        ["POST /api/dnc/lookup"] = """{"number":"13800138000"}""",
    };

    internal const string ViewerKey = "viewer-key-0b7e41";
    internal const string OperatorKey = "operator-key-59ac2d";
    internal const string ScopedViewerKey = "crm-key-d3f1a0";
    internal const string Password = "role password";

    internal static Dictionary<string, string?> Roles()
    {
        var settings = EveryEndpointAccessTests.AuthAndVendors();
        settings["AutoDialer:Auth:ApiKeys:1:Name"] = "viewer-key";
        settings["AutoDialer:Auth:ApiKeys:1:Key"] = ViewerKey;
        settings["AutoDialer:Auth:ApiKeys:1:Role"] = "viewer";
        settings["AutoDialer:Auth:ApiKeys:2:Name"] = "operator-key";
        settings["AutoDialer:Auth:ApiKeys:2:Key"] = OperatorKey;
        settings["AutoDialer:Auth:ApiKeys:2:Role"] = "operator";
        settings["AutoDialer:Auth:ApiKeys:3:Name"] = "crm";
        settings["AutoDialer:Auth:ApiKeys:3:Key"] = ScopedViewerKey;
        settings["AutoDialer:Auth:ApiKeys:3:Role"] = "viewer";
        settings["AutoDialer:Auth:ApiKeys:3:Agents:0"] = "1001";
        foreach (var (i, role) in new[] { (1, "viewer"), (2, "operator") })
        {
            settings[$"AutoDialer:Auth:Users:{i}:Name"] = role;
            settings[$"AutoDialer:Auth:Users:{i}:PasswordHash"] = DashboardPasswords.Hash(Password);
            settings[$"AutoDialer:Auth:Users:{i}:Role"] = role;
        }
        return settings;
    }

    [Fact]
    public async Task Each_role_signed_in_or_by_key_is_refused_exactly_what_it_may_not_do_on_every_operation()
    {
        await using var server = await ApiServer.StartAsync(postgres, Roles());
        server.Client.DefaultRequestHeaders.Add("X-Api-Key", EveryEndpointAccessTests.Key);
        await server.CreateCampaignAsync("walked");
        var operations = await OperationsAsync(server);

        var wrong = new List<string>();
        foreach (var role in new[] { AccessRoles.Viewer, AccessRoles.Operator, AccessRoles.Admin })
        {
            using var signedIn = role == AccessRoles.Admin
                ? await SignedInBrowser.SignInAsync(server.Address, "ops", "walk password")
                : await SignedInBrowser.SignInAsync(server.Address, role, Password);
            using var keyed = new HttpClient { BaseAddress = server.Address };
            keyed.DefaultRequestHeaders.Add("X-Api-Key", role switch
            {
                AccessRoles.Viewer => ViewerKey,
                AccessRoles.Operator => OperatorKey,
                _ => EveryEndpointAccessTests.Key,
            });

            foreach (var (client, how) in new[] { ((Func<HttpRequestMessage, Task<HttpResponseMessage>>)(r => signedIn.SendAsync(r, HttpCompletionOption.ResponseHeadersRead)), "signed in"),
                         (r => keyed.SendAsync(r, HttpCompletionOption.ResponseHeadersRead), "API key") })
            {
                foreach (var operation in operations)
                {
                    var needed = NeededRole(operation);
                    var allowed = Rank(role) >= Rank(needed);
                    // Hangfire checks its own antiforgery token on its POSTs: the walk asks it only about refusals.
                    if (allowed && operation.Path.StartsWith("/hangfire", StringComparison.Ordinal) && operation.Method == "POST") continue;
                    using var response = await client(Request(operation));
                    var status = (int)response.StatusCode;
                    var what = $"{role} ({how}) {operation.Key}: {status}";
                    if (!allowed)
                    {
                        var problem = status == 403 ? await response.Content.ReadAsStringAsync() : "";
                        if (status != 403 || RequiredRoleOf(problem) != needed)
                            wrong.Add($"{what}, expected 403 naming {needed} {problem}");
                    }
                    else if (status is 401 or 403)
                    {
                        wrong.Add($"{what}, expected to be served ({needed} may) {await response.Content.ReadAsStringAsync()}");
                    }
                    // Before the operator's walk uploads a list (whose report is then 409 until imported), a read finds or misses.
                    else if (role == AccessRoles.Viewer && operation.Method == "GET" && status is not (200 or 404))
                    {
                        wrong.Add($"{what}, expected 200 or 404 for a read");
                    }
                }
            }
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} answers were not what the roles allow:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public async Task A_key_scoped_to_an_agent_gets_that_agents_bridge_token_whatever_its_role_and_no_other()
    {
        await using var server = await ApiServer.StartAsync(postgres, Roles());
        using var scoped = new HttpClient { BaseAddress = server.Address };
        scoped.DefaultRequestHeaders.Add("X-Api-Key", ScopedViewerKey);

        using (var own = await scoped.PostAsync("api/agents/1001/bridge-token?providerAccount=udesk", null))
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using (var other = await scoped.PostAsync("api/agents/1002/bridge-token?providerAccount=udesk", null))
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        // Its role is still viewer for everything else.
        using (var start = await scoped.PostAsync("api/campaigns", ApiServer.Json(new { name = "x" })))
            Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
    }

    [Fact]
    public async Task Each_role_is_told_who_it_is_and_what_it_may_do()
    {
        await using var server = await ApiServer.StartAsync(postgres, Roles());
        var answers = new Dictionary<string, (string? Name, string? Role, string[] May)>();
        foreach (var (key, name) in new[] { (ViewerKey, "viewer"), (OperatorKey, "operator"), (EveryEndpointAccessTests.Key, "admin") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/me") { Headers = { { "X-Api-Key", key } } };
            var me = await ApiServer.ReadAsync(await server.Client.SendAsync(request), HttpStatusCode.OK);
            answers[name] = (me.GetProperty("name").GetString(), me.GetProperty("role").GetString(),
                me.GetProperty("may").EnumerateArray().Select(p => p.GetString()!).ToArray());
        }

        Assert.Equal(("viewer-key", "viewer"), (answers["viewer"].Name, answers["viewer"].Role));
        Assert.Equal(["read"], answers["viewer"].May);
        Assert.Equal(["read", "run_campaigns", "upload_lists", "add_do_not_call", "act_for_agents"], answers["operator"].May);
        Assert.Equal(("api-key-1", "admin"), (answers["admin"].Name, answers["admin"].Role));
        Assert.Contains("edit_campaigns", answers["admin"].May);
        Assert.Contains("read_audit", answers["admin"].May);

        await using var local = await ApiServer.StartAsync(postgres);
        var localMe = await local.GetJsonAsync("api/me");
        Assert.Equal(("local", "admin"), (localMe.GetProperty("name").GetString(), localMe.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task The_hangfire_dashboard_is_read_only_for_viewers_and_operators_and_whole_for_admins()
    {
        await using var server = await ApiServer.StartAsync(postgres, Roles());
        var schedules = server.Services.GetServices<IHostedService>().OfType<RecurringJobSchedules>().Single();
        await schedules.SyncAsync(CancellationToken.None);

        foreach (var (user, password, buttons) in new[] { ("viewer", Password, false), ("operator", Password, false), ("ops", "walk password", true) })
        {
            using var browser = await SignedInBrowser.SignInAsync(server.Address, user, password);
            var page = await browser.Client.GetStringAsync("hangfire/recurring");
            Assert.Contains(JobPlan.OrphanedUploadsId, page);
            Assert.True(page.Contains("recurring/trigger", StringComparison.Ordinal) == buttons,
                $"{user}: the recurring jobs page {(buttons ? "lacks" : "offers")} the trigger button");
        }
    }

    private sealed record Operation(string Method, string Path, string? ContentType)
    {
        public string Key => $"{Method} {Path}";
    }

    private static async Task<List<Operation>> OperationsAsync(ApiServer server)
    {
        var document = await server.GetJsonAsync("openapi/v1.json");
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "put" or "post" or "delete" or "patch"))
            {
                var body = operation.Value.TryGetProperty("requestBody", out var described)
                    ? described.GetProperty("content").EnumerateObject().First().Name
                    : null;
                operations.Add(new Operation(operation.Name.ToUpperInvariant(), path.Name, body));
            }
        }
        Assert.True(operations.Count > 30, $"the OpenAPI document lists only {operations.Count} operations");
        operations.Add(new Operation("POST", "/api/agents/{agentId}/bridge-token", null));
        operations.Add(new Operation("GET", "/api/providers/udesk/token", null));
        operations.Add(new Operation("GET", "/api/providers/meiqia/token", null));
        operations.Add(new Operation("GET", "/hangfire", null));
        operations.Add(new Operation("POST", "/hangfire/recurring/trigger", "application/x-www-form-urlencoded"));
        // Deletions last, so that every other operation finds the campaign.
        return operations.DistinctBy(o => o.Key).OrderBy(o => o.Method == "DELETE").ToList();
    }

    private static string NeededRole(Operation operation) =>
        Needs.TryGetValue(operation.Key, out var role) ? role : operation.Method == "GET" ? AccessRoles.Viewer : AccessRoles.Admin;

    private static int Rank(string role) => (int)AccessRoles.Parse(role)!.Value;

    private static HttpRequestMessage Request(Operation operation)
    {
        var path = Parameter().Replace(operation.Path, m => m.Value switch { "{agentId}" => "1001", "{day}" => "2025-03-03", _ => "1" }) + Queries.GetValueOrDefault(operation.Key, "");
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), path.TrimStart('/'));
        if (operation.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = operation.ContentType switch
            {
                "multipart/form-data" => ApiServer.FileForm("phone\n13800138000\n"u8.ToArray(), "list.csv"),
                "application/x-www-form-urlencoded" => new FormUrlEncodedContent(new Dictionary<string, string> { ["jobs[]"] = "orphaned-uploads" }),
                _ => ApiServer.RawJson(Bodies.GetValueOrDefault(operation.Key, "{}")),
            };
        }
        return request;
    }

    private static string? RequiredRoleOf(string problem)
    {
        try
        {
            return JsonDocument.Parse(problem).RootElement.TryGetProperty("required_role", out var role) ? role.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
