using Microsoft.Playwright;

namespace AutoDialer.Bridge.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright, started on first use and shared by the run. Never a downloaded
/// browser: <c>/usr/bin/chromium</c> (build.sh installs it with apt).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<IBrowser> BrowserAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_browser is null)
            {
                if (!File.Exists(ChromiumPath))
                {
                    throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (build.sh does it)");
                }

                _playwright = await Playwright.CreateAsync();
                // Assertions wait for the page as long as actions do: 5 s (Playwright's default) is short for a first page on a
                // cold CI machine, and an assertion that passes sooner returns sooner.
                Assertions.SetDefaultExpectTimeout(20_000);
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = ChromiumPath,
                    Headless = true,
                    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
                });
            }

            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
