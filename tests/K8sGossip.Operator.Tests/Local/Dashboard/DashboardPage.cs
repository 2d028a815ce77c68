using K8sGossip.Operator.Local.Dashboard;
using Microsoft.Playwright;

namespace K8sGossip.Operator.Tests.Local.Dashboard;

/// <summary>
/// The dashboard opened in a fresh browser context, recording what a reviewer would look for in the developer tools:
/// console errors, uncaught exceptions and any request that leaves the dashboard's own origin.
/// </summary>
internal sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _foreignRequests = [];
    private readonly Lock _lock = new();

    private DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_lock)
            {
                return [.. _consoleErrors];
            }
        }
    }

    public IReadOnlyList<string> ForeignRequests
    {
        get
        {
            lock (_lock)
            {
                return [.. _foreignRequests];
            }
        }
    }

    public static async Task<DashboardPage> OpenAsync(IBrowser browser, DashboardServer server, ColorScheme scheme = ColorScheme.Light, Func<IPage, Task>? beforeLoad = null)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1360, Height = 1000 }, ColorScheme = scheme });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        var opened = new DashboardPage(context, page);
        var origin = server.Address.GetLeftPart(UriPartial.Authority);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                opened.Record(opened._consoleErrors, message.Text);
            }
        };
        page.PageError += (_, error) => opened.Record(opened._consoleErrors, error);
        context.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin + "/", StringComparison.Ordinal))
            {
                opened.Record(opened._foreignRequests, request.Url);
            }
        };
        if (beforeLoad is not null)
        {
            await beforeLoad(page);
        }

        await page.GotoAsync(server.Address.ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
        return opened;
    }

    public ILocator Peer(string name) => Page.Locator($"[data-testid=peer-card][data-peer=\"{name}\"]");

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private void Record(List<string> list, string text)
    {
        lock (_lock)
        {
            list.Add(text);
        }
    }
}
