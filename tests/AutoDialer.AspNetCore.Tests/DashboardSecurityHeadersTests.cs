using System.Net;
using AutoDialer.AspNetCore.Access;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// The dashboard's pages and files carry a Content-Security-Policy without inline script, nosniff and a referrer
/// policy; its modules are served as JavaScript; the Hangfire Dashboard keeps its inline scripts working.
/// </summary>
[Collection("postgres")]
public sealed class DashboardSecurityHeadersTests(PostgresFixture postgres)
{
    private const string Password = "correct horse battery";

    private static void AssertDashboardHeaders(HttpResponseMessage response, string what)
    {
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ') + 1)..]);
        Assert.True(directives.GetValueOrDefault("script-src") == "'self'", $"{what}: script-src is {directives.GetValueOrDefault("script-src")}");
        Assert.Equal("'self'", directives["default-src"]);
        Assert.Equal("'self'", directives["style-src"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("'none'", directives["base-uri"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.Equal("'self'", directives["form-action"]);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Every_dashboard_response_carries_the_policy_and_modules_are_javascript()
    {
        await using var server = await ApiServer.StartAsync(postgres);
        using (var page = await server.Client.GetAsync(""))
            AssertDashboardHeaders(page, "the page");
        foreach (var module in new[] { "app.js", "lib/html.js", "lib/i18n.js", "views/campaigns.js", "views/campaign/attempts.js" })
        {
            using var response = await server.Client.GetAsync("assets/" + module);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            AssertDashboardHeaders(response, module);
        }
        using (var css = await server.Client.GetAsync("assets/app.css"))
        {
            Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
            AssertDashboardHeaders(css, "app.css");
        }
        using (var missing = await server.Client.GetAsync("assets/views/nothing.js"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            AssertDashboardHeaders(missing, "a missing file");
        }

        // The Hangfire Dashboard's pages run inline scripts: the dashboard's policy would break them.
        using var hangfire = await server.Client.GetAsync("hangfire");
        Assert.Equal(HttpStatusCode.OK, hangfire.StatusCode);
        Assert.Contains("<script", await hangfire.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(hangfire.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task The_sign_in_page_carries_the_policy_and_its_own_files_need_no_sign_in()
    {
        await using var server = await ApiServer.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["AutoDialer:Auth:Users:0:Name"] = "ops",
            ["AutoDialer:Auth:Users:0:PasswordHash"] = DashboardPasswords.Hash(Password),
        }, s => s.AddSingleton<IRequestLocality>(new FixedLocality(local: false)));
        using (var login = await server.Client.GetAsync("login"))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            AssertDashboardHeaders(login, "the sign-in page");
            var html = await login.Content.ReadAsStringAsync();
            Assert.Contains("<script type=\"module\" src=\"assets/login.js\"></script>", html, StringComparison.Ordinal);
        }
        foreach (var file in new[] { "assets/login.js", "assets/app.css" })
        {
            using var response = await server.Client.GetAsync(file);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertDashboardHeaders(response, file);
        }

        // The dashboard's own modules are not for anyone: the request is sent to the sign-in page.
        using var app = await server.Client.GetAsync("assets/app.js");
        Assert.EndsWith("/login", app.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }
}
