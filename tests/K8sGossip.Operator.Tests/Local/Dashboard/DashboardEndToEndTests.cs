using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using K8sGossip.Operator.Local.Runtime;
using K8sGossip.Operator.Tests.Local.EndToEnd;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace K8sGossip.Operator.Tests.Local.Dashboard;

/// <summary>
/// The dashboard of a real local network: <c>k8sgossip up --detach</c> on <c>examples/three-orgs</c> (an orderer and nine
/// peer processes), watched in headless Chromium while a peer process is killed and restarted.
/// </summary>
[Collection(LocalNetworkCollection.Name)]
public sealed class DashboardEndToEndTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_killed_peer_of_a_running_three_orgs_network_turns_dead_on_the_dashboard_and_comes_back_after_restart()
    {
        // Disposing runs down and kills whatever is left by pid, even when an assertion failed.
        await using var network = new BackgroundNetwork("three-orgs", 40);
        var clock = Stopwatch.StartNew();
        var up = await network.UpAsync();
        output.WriteLine($"up: {up}");
        Assert.True(up.ExitCode == 0, $"up failed: {up}\n{network.Logs()}");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: up returned");
        var run = network.Run();
        Assert.NotNull(run.Dashboard);

        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1360, Height = 1000 } });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(run.Dashboard);
            await Expect(page.Locator("[data-testid=peer-card]")).ToHaveCountAsync(9, new() { Timeout = 60_000 });
            await Expect(page.Locator("[data-testid=peer-card][data-state=alive]")).ToHaveCountAsync(9, new() { Timeout = 60_000 });
            foreach (var org in new[] { "org1", "org2" })
            {
                // While an election settles two peers may both claim to lead for a moment, so this asks for at least one.
                await Expect(page.Locator($"[data-testid=organization][data-org={org}] [data-testid=leader-badge][data-channel=trade]").First)
                    .ToBeVisibleAsync(new() { Timeout = 30_000 });
            }

            await Expect(page.Locator("[data-testid=organization][data-org=org3] [data-testid=leader-badge]")).ToHaveCountAsync(0);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: the page shows 9 peers alive and a leader in trade for org1 and org2");

            var height = long.Parse(await page.GetByTestId("orderer-height").TextContentAsync() ?? "0", CultureInfo.InvariantCulture);
            await page.WaitForFunctionAsync(
                "h => Number(document.querySelector('[data-testid=\"orderer-height\"]').textContent) > h",
                height,
                new() { Timeout = 30_000 });
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: the orderer height advanced past {height}");

            var victim = run.Nodes.Single(n => n.Name == "org2-1");
            Assert.NotNull(victim.Pid);
            ProcessSignals.Kill(victim.Pid.Value);

            var card = page.Locator("[data-testid=peer-card][data-peer=org2-1]");
            await Expect(card).ToHaveAttributeAsync("data-state", "dead", new() { Timeout = 30_000 });
            await Expect(page.Locator("[data-testid=event][data-kind=dead][data-subject=org2-1]")).Not.ToHaveCountAsync(0);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: org2-1 shown dead");
            var screenshot = ScreenshotFolder.PathFor("dashboard-end-to-end.png");
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true, Animations = ScreenshotAnimations.Disabled });
            output.WriteLine($"Dashboard screenshot: {screenshot}");

            await Expect(card).ToHaveAttributeAsync("data-state", "alive", new() { Timeout = 60_000 });
            await Expect(card.GetByTestId("peer-restarts")).ToHaveTextAsync(new Regex("^[1-9][0-9]*$"));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: org2-1 shown alive again after a restart");
        }
        finally
        {
            await context.CloseAsync();
        }

        network.RememberPids();
        var down = await network.DownAsync();
        Assert.True(down.ExitCode == 0, $"down failed: {down}");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: down returned");
        Assert.Empty(network.LivePids());
    }
}
