using System.Net;
using System.Text.RegularExpressions;
using AutoDialer.AspNetCore.Access;
using AutoDialer.Testing;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// Two <c>serve</c> nodes behind one load balancer, which sends each request to either: a dashboard sign-in made by
/// one node, and the antiforgery tokens its pages carry, must be accepted by the other. Real processes, each with a
/// home and a current directory (its content root) of its own, as on two machines, sharing one database.
/// </summary>
[Collection("postgres")]
public sealed partial class ClusterSignInTests(PostgresFixture postgres)
{
    private const string Password = "cluster password";
    private const string Key = "cluster-probe-key";
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    /// <summary>One configuration for both nodes, as a deployment gives them (a hash is salted: made once).</summary>
    private static readonly string PasswordHash = DashboardPasswords.Hash(Password);

    [Fact]
    public async Task Two_nodes_accept_each_others_sign_in_cookie_and_antiforgery_tokens()
    {
        await using var database = await postgres.CreateDatabaseAsync("cluster_sign_in");
        using var homeA = new TemporaryDirectory("autodialer-node-a-", TemporaryDirectory.Reachable);
        using var homeB = new TemporaryDirectory("autodialer-node-b-", TemporaryDirectory.Reachable);
        await using var a = Start(postgres.ConnectionStringOf(database), homeA.Path);
        await using var b = Start(postgres.ConnectionStringOf(database), homeB.Path);
        await Task.WhenAll(a.UntilHealthAsync(healthy: true, StartLimit), b.UntilHealthAsync(healthy: true, StartLimit));

        // One browser: cookies belong to the host name, not the port, as they would to the one address of a load balancer.
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });

        // The sign-in form comes from B, the sign-in goes to A.
        var form = await browser.GetStringAsync(new Uri(b.Url!, "/login"));
        using (var signIn = await browser.PostAsync(new Uri(a.Url!, "/login"), new FormUrlEncodedContent(new Dictionary<string, string>
               { ["__RequestVerificationToken"] = FormToken().Match(form).Groups[1].Value, ["user"] = "ops", ["password"] = Password })))
        {
            Assert.True(signIn.StatusCode == HttpStatusCode.Redirect && signIn.Headers.Location?.OriginalString == "/",
                $"A refused the sign-in form B made: {(int)signIn.StatusCode} {signIn.Headers.Location}");
        }

        // A's sign-in is good on B: its dashboard, not the sign-in form.
        using (var dashboardAtB = await browser.GetAsync(new Uri(b.Url!, "/")))
            Assert.True(dashboardAtB.StatusCode == HttpStatusCode.OK, $"B refused A's sign-in: {(int)dashboardAtB.StatusCode} {dashboardAtB.Headers.Location}");

        // The page A made carries A's antiforgery token; B accepts it for a change.
        var page = await browser.GetStringAsync(new Uri(a.Url!, "/"));
        var csrf = PageToken().Match(page);
        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri(b.Url!, "/api/campaigns")) { Content = ApiServer.Json(new { name = "made through B" }) };
        create.Headers.Add(csrf.Groups[2].Value, csrf.Groups[1].Value);
        create.Headers.Add("Origin", a.Url!.GetLeftPart(UriPartial.Authority));
        using var created = await browser.SendAsync(create);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"B refused A's antiforgery token: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
    }

    private static ServeProcess Start(string connectionString, string home) =>
        ServeProcess.Serve(FreePort.Next(), new Dictionary<string, string>
        {
            ["AUTODIALER_DB"] = connectionString,
            ["AUTODIALER_HOME"] = home,
            ["DOTNET_SHUTDOWNTIMEOUTSECONDS"] = "10",
            // A home of its own: where ASP.NET Core keeps its key ring when nothing else is configured.
            ["HOME"] = home,
            ["AutoDialer__Auth__ApiKeys__0"] = Key,
            ["AutoDialer__Auth__Users__0__Name"] = "ops",
            ["AutoDialer__Auth__Users__0__PasswordHash"] = PasswordHash,
        }, workingDirectory: home, healthApiKey: Key);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("name=\"csrf-token\" content=\"([^\"]+)\" data-header=\"([^\"]+)\"")]
    private static partial Regex PageToken();
}
