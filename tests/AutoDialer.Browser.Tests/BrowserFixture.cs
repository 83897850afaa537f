using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright: the system browser at /usr/bin/chromium, headless, never a downloaded one.
/// Screenshots go to <c>screenshots/</c> in the test output folder for a person to look at.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install it with `apt-get install -y chromium` (./build.sh deps does).");
        Directory.CreateDirectory(ScreenshotFolder);
        playwright = await Playwright.CreateAsync();
        // Assertions wait for the page as long as actions do: 5 s (Playwright's default) is short for a first page on a
        // cold CI machine, and an assertion that passes sooner returns sooner.
        Assertions.SetDefaultExpectTimeout(20_000);
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync(Uri baseAddress, string locale = "en-US", int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}
