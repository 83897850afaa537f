using System.Net;
using System.Text.RegularExpressions;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// A client that behaves as the dashboard does: signed in through the sign-in form (a cookie), and sending the page's
/// antiforgery token with every request that changes state.
/// </summary>
internal sealed partial class SignedInBrowser : IDisposable
{
    private readonly string csrfHeader;
    private readonly string csrfToken;

    private SignedInBrowser(HttpClient client, string csrfHeader, string csrfToken)
    {
        Client = client;
        this.csrfHeader = csrfHeader;
        this.csrfToken = csrfToken;
    }

    public HttpClient Client { get; }

    /// <summary>Signs in as <paramref name="user"/>; the sign-in must succeed.</summary>
    public static async Task<SignedInBrowser> SignInAsync(Uri address, string user, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
        var form = await client.GetStringAsync("login");
        using (var signIn = await client.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
               { ["__RequestVerificationToken"] = FormToken().Match(form).Groups[1].Value, ["user"] = user, ["password"] = password })))
            Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"signing in as {user}: {(int)signIn.StatusCode}");
        var page = PageToken().Match(await client.GetStringAsync(""));
        Assert.True(page.Success, "the dashboard page has no antiforgery token");
        return new SignedInBrowser(client, page.Groups[2].Value, page.Groups[1].Value);
    }

    /// <summary>Sends <paramref name="request"/> with the page's antiforgery token, as the dashboard's scripts do.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        request.Headers.Add(csrfHeader, csrfToken);
        return Client.SendAsync(request, completion);
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("name=\"csrf-token\" content=\"([^\"]+)\" data-header=\"([^\"]+)\"")]
    private static partial Regex PageToken();
}
