using System.Net;
using System.Text.RegularExpressions;
using AutoDialer.AspNetCore.Access;
using AutoDialer.Testing;

namespace AutoDialer.AspNetCore.Tests;

/// <summary><c>POST /login</c> is rate limited per client address, so passwords cannot be guessed at the speed of the network.</summary>
[Collection("postgres")]
public sealed partial class SignInRateLimitTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_Retry_After_and_are_not_checked()
    {
        await using var server = await ApiServer.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["AutoDialer:Auth:Users:0:Name"] = "ops",
            ["AutoDialer:Auth:Users:0:PasswordHash"] = DashboardPasswords.Hash("right password"),
            ["AutoDialer:Auth:SignInLimit:PermitLimit"] = "3",
            // Long enough that the window cannot end during the test.
            ["AutoDialer:Auth:SignInLimit:Window"] = "00:30:00",
        });
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server.Address };
        var form = await browser.GetStringAsync("login");
        var token = Token().Match(form).Groups[1].Value;
        FormUrlEncodedContent Attempt(string password) =>
            new(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["user"] = "ops", ["password"] = password });

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await browser.PostAsync("login", Attempt("guess " + i));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        // Even the right password is not checked once the limit is reached.
        using var limited = await browser.PostAsync("login", Attempt("right password"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30));

        // The form itself is still served: only attempts count.
        using var page = await browser.GetAsync("login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
