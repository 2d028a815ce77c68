using System.Text.RegularExpressions;
using K8sGossip.Operator.Local.Dashboard;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace K8sGossip.Operator.Tests.Local.Dashboard;

/// <summary>The dashboard page in headless Chromium, fed by a scripted three-orgs network.</summary>
[Collection(DashboardBrowserCollection.Name)]
public sealed class DashboardPageTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ScriptedNetwork _network = new();
    private DashboardServer? _server;

    private DashboardServer Server => _server ?? throw new InvalidOperationException("The dashboard has not started.");

    public async Task InitializeAsync() =>
        _server = await DashboardServer.StartAsync(
            _network.Current,
            new DashboardOptions { Port = 0, UpdateInterval = TimeSpan.FromMilliseconds(200), NetworkName = "three-orgs", StateDirectory = "/var/tmp/three-orgs" },
            NullLoggerFactory.Instance,
            CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Page_shows_every_peer_of_three_orgs_inside_its_organization()
    {
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, Server);
        var page = dashboard.Page;

        await Expect(page.Locator("[data-testid=peer-card]")).ToHaveCountAsync(9);
        await Expect(page.Locator("[data-testid=organization]")).ToHaveCountAsync(3);
        foreach (var org in new[] { "org1", "org2", "org3" })
        {
            var peers = page.Locator($"[data-testid=organization][data-org={org}] [data-testid=peer-card]");
            await Expect(peers).ToHaveCountAsync(3);
            for (var i = 0; i < 3; i++)
            {
                await Expect(peers.Nth(i)).ToHaveAttributeAsync("data-peer", $"{org}-{i}");
                await Expect(peers.Nth(i)).ToHaveAttributeAsync("data-state", "alive");
            }
        }

        await Expect(page.GetByTestId("orderer-height")).ToHaveTextAsync(_network.OrdererHeight.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("orderer-state")).ToHaveAttributeAsync("data-state", "alive");
        await Expect(page.GetByTestId("peers-alive")).ToHaveTextAsync("9 / 9");
        await Expect(page.GetByTestId("network-name")).ToHaveTextAsync("three-orgs");
        await Expect(page.GetByTestId("state-dir")).ToHaveTextAsync("/var/tmp/three-orgs");
        await Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-connection", "live");
    }

    [Fact]
    public async Task Peer_heights_and_lag_follow_the_network_as_it_advances()
    {
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, Server);
        await Expect(dashboard.Peer("org1-0").GetByTestId("peer-height")).ToHaveTextAsync("12");

        _network.Advance(5);
        await Expect(dashboard.Peer("org1-0").GetByTestId("peer-height")).ToHaveTextAsync("17");
        await Expect(dashboard.Page.GetByTestId("orderer-height")).ToHaveTextAsync("17");
        await Expect(dashboard.Peer("org3-2").GetByTestId("peer-height")).ToHaveTextAsync("16");
        await Expect(dashboard.Peer("org3-2").GetByTestId("peer-lag")).ToHaveTextAsync("1");
        await Expect(dashboard.Peer("org3-2").GetByTestId("peer-lag")).ToHaveAttributeAsync("data-lagging", "true");
        await Expect(dashboard.Peer("org2-1").GetByTestId("peer-channels")).ToHaveTextAsync("audit 17 · trade 17");

        _network.Advance(3);
        await Expect(dashboard.Peer("org2-2").GetByTestId("peer-height")).ToHaveTextAsync("20");
    }

    [Fact]
    public async Task A_peer_that_dies_is_shown_dead_and_listed_first_among_the_events()
    {
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, Server);
        await Expect(dashboard.Peer("org2-1")).ToHaveAttributeAsync("data-state", "alive");
        await Expect(dashboard.Page.GetByTestId("event")).ToHaveCountAsync(9);

        _network.Kill("org2-1");
        _network.Advance(2);

        await Expect(dashboard.Peer("org2-1")).ToHaveAttributeAsync("data-state", "dead");
        await Expect(dashboard.Peer("org2-1").GetByTestId("peer-state")).ToHaveTextAsync("dead");
        await Expect(dashboard.Peer("org2-1").GetByTestId("peer-lag")).ToHaveTextAsync("2");
        await Expect(dashboard.Page.GetByTestId("peers-alive")).ToHaveTextAsync("8 / 9");
        await Expect(dashboard.Page.Locator("[data-testid=organization][data-org=org2]")).ToHaveAttributeAsync("data-healthy", "false");
        await Expect(dashboard.Page.GetByTestId("event")).ToHaveCountAsync(10);
        var newest = dashboard.Page.GetByTestId("event").First;
        await Expect(newest).ToHaveAttributeAsync("data-kind", "dead");
        await Expect(newest).ToHaveAttributeAsync("data-subject", "org2-1");
        await Expect(newest).ToContainTextAsync("org2-1 stopped answering");
        foreach (var alive in ScriptedNetwork.PeerNames.Where(p => p != "org2-1"))
        {
            await Expect(dashboard.Peer(alive)).ToHaveAttributeAsync("data-state", "alive");
        }
    }

    [Fact]
    public async Task Leaders_carry_a_badge_for_each_channel_they_lead_and_the_badge_moves_with_the_leader()
    {
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, Server);
        var page = dashboard.Page;

        await Expect(dashboard.Peer("org1-0").Locator("[data-testid=leader-badge][data-channel=trade]")).ToHaveCountAsync(1);
        await Expect(dashboard.Peer("org2-0").Locator("[data-testid=leader-badge][data-channel=trade]")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("leader-badge")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=channel][data-channel=trade] [data-testid=channel-mode]")).ToHaveTextAsync("gossip");
        await Expect(page.Locator("[data-testid=channel][data-channel=trade] [data-testid=channel-leaders] li")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=channel][data-channel=audit] [data-testid=channel-mode]")).ToHaveTextAsync("adaptive");
        await Expect(page.Locator("[data-testid=channel][data-channel=audit] [data-testid=channel-leaders]")).ToContainTextAsync("No leaders");

        _network.ChangeLeader("Org2MSP", "org2-2");

        await Expect(dashboard.Peer("org2-2")).ToHaveAttributeAsync("data-leader-of", "trade");
        await Expect(dashboard.Peer("org2-0").GetByTestId("leader-badge")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=channel][data-channel=trade] [data-peer=org2-2]")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("event").First).ToHaveAttributeAsync("data-kind", "leader");
    }

    [Fact]
    public async Task Each_channel_has_a_latency_chart_that_draws_its_p50_and_p99_points()
    {
        await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, Server);
        var page = dashboard.Page;
        var points = _network.LatencyPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);

        foreach (var channel in new[] { "trade", "audit" })
        {
            var chart = page.Locator($"[data-testid=latency-chart][data-channel={channel}]");
            await Expect(chart).ToHaveAttributeAsync("data-points", points);
            await Expect(chart).ToHaveAttributeAsync("aria-label", new Regex($"^Latency of {channel} over time: p50 .+ ms, p99 .+ ms"));
            Assert.True(await PaintedPixelsAsync(chart, "--chart-p50") > 20, $"the {channel} chart shows no p50 line");
            Assert.True(await PaintedPixelsAsync(chart, "--chart-p99") > 20, $"the {channel} chart shows no p99 line");
        }

        await Expect(page.Locator("[data-testid=channel][data-channel=trade] [data-testid=channel-p50]")).ToHaveTextAsync("22 ms");
        await Expect(page.Locator("[data-testid=channel][data-channel=audit] [data-testid=channel-p50]")).ToHaveTextAsync("9.3 ms");

        _network.Advance(1);
        await Expect(page.Locator("[data-testid=latency-chart][data-channel=trade]"))
            .ToHaveAttributeAsync("data-points", _network.LatencyPoints.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Page_loads_without_console_errors_or_requests_to_other_origins_and_is_saved_as_screenshots()
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var dashboard = await DashboardPage.OpenAsync(browser.Browser, Server, scheme);
            _network.Kill(scheme == ColorScheme.Light ? "org1-2" : "org3-0");
            _network.Advance(2);
            await Expect(dashboard.Page.Locator("[data-testid=peer-card][data-state=dead]")).ToHaveCountAsync(scheme == ColorScheme.Light ? 1 : 2);

            var response = await dashboard.Page.APIRequest.GetAsync(Server.Address + "api/status");
            Assert.Equal("default-src 'self'", response.Headers["content-security-policy"].Split(';')[0]);

            var path = ScreenshotFolder.PathFor($"dashboard-{scheme.ToString().ToLowerInvariant()}.png");
            await dashboard.Page.ScreenshotAsync(new() { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
            output.WriteLine($"Dashboard screenshot: {path}");
            Assert.True(new FileInfo(path).Length > 10_000, $"the screenshot {path} is nearly empty");

            Assert.Empty(dashboard.ConsoleErrors);
            Assert.Empty(dashboard.ForeignRequests);
        }
    }

    [Fact]
    public async Task Page_polls_the_status_when_the_event_stream_is_unavailable()
    {
        await using var dashboard = await DashboardPage.OpenAsync(
            browser.Browser,
            Server,
            beforeLoad: page => page.RouteAsync("**/api/events", route => route.AbortAsync()));

        await Expect(dashboard.Page.GetByTestId("connection")).ToHaveAttributeAsync("data-connection", "polling");
        await Expect(dashboard.Page.Locator("[data-testid=peer-card]")).ToHaveCountAsync(9);

        _network.Advance(4);
        await Expect(dashboard.Peer("org1-1").GetByTestId("peer-height")).ToHaveTextAsync("16");
        Assert.Equal(0, Server.Counters.OpenEventStreams);
    }

    /// <summary>Counts canvas pixels close to the colour the page's stylesheet gives a series.</summary>
    private static Task<int> PaintedPixelsAsync(ILocator chart, string colourVariable) =>
        chart.EvaluateAsync<int>(
            """
            (canvas, variable) => {
              const probe = document.createElement('canvas').getContext('2d');
              probe.fillStyle = getComputedStyle(canvas).getPropertyValue(variable).trim();
              probe.fillRect(0, 0, 1, 1);
              const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let count = 0;
              for (let i = 0; i < data.length; i += 4) {
                if (data[i + 3] > 200 && Math.abs(data[i] - r) < 24 && Math.abs(data[i + 1] - g) < 24 && Math.abs(data[i + 2] - b) < 24) count++;
              }
              return count;
            }
            """,
            colourVariable);
}
