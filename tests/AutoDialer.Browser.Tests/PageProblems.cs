using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

/// <summary>
/// What a page's Content-Security-Policy refused (its <c>securitypolicyviolation</c> events and Chromium's console
/// reports of them) and the page's uncaught script errors, collected from before the first navigation.
/// </summary>
internal sealed class PageProblems
{
    private readonly IPage page;
    private readonly List<string> console = [];
    private readonly List<string> errors = [];

    private PageProblems(IPage page)
    {
        this.page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                lock (console) console.Add(message.Text);
        };
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };
    }

    public static async Task<PageProblems> WatchAsync(IPage page)
    {
        // An init script is injected by the browser itself, not by the page: the policy does not apply to it.
        await page.AddInitScriptAsync("""
            window.__csp = [];
            document.addEventListener('securitypolicyviolation', e =>
              window.__csp.push(`${e.effectiveDirective} refused ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} (${e.sample})`));
            """);
        return new PageProblems(page);
    }

    /// <summary>Every violation and error so far, each as one line; empty when there were none.</summary>
    public async Task<IReadOnlyList<string>> AllAsync()
    {
        var events = await page.EvaluateAsync<string[]>("() => window.__csp ?? []");
        lock (console) lock (errors)
            return [.. events.Select(e => "violation: " + e), .. console.Select(c => "console: " + c), .. errors.Select(e => "error: " + e)];
    }
}
