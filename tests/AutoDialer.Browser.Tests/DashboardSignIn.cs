using AutoDialer.AspNetCore.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

/// <summary>
/// A dashboard user seen from another address, as a campaign manager at their desk is: the server is told no request is
/// local (<see cref="Remote"/>), so the sign-in page comes first, and <see cref="SignInAsync"/> fills it in.
/// </summary>
internal static class DashboardSignIn
{
    /// <summary>Every request comes from another address: credentials are needed, and the audit trail names the user.</summary>
    public sealed class Remote : IRequestLocality
    {
        public bool IsLocal(HttpContext context) => false;
    }

    /// <summary>Opens <paramref name="hash"/>, signs in on the page it leads to, and waits for the campaigns list.</summary>
    public static async Task SignInAsync(IPage page, string user, string password, string hash = "#/campaigns")
    {
        await page.GotoAsync(hash);
        await SubmitAsync(page, user, password);
        await Assertions.Expect(page.GetByTestId("campaigns")).ToBeVisibleAsync();
    }

    /// <summary>Fills in the sign-in page already shown and submits it; where it leads is the caller's to check.</summary>
    public static async Task SubmitAsync(IPage page, string user, string password)
    {
        await page.FillAsync("input[name=user]", user);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("#submit");
    }
}
