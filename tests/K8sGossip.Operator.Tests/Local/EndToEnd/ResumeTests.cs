using System.Globalization;
using System.Text.Json;
using K8sGossip.Operator.Local.Status;
using Xunit.Abstractions;

namespace K8sGossip.Operator.Tests.Local.EndToEnd;

/// <summary>Stopping a network (Ctrl-C in the foreground) and starting it again resumes from the stored ledgers: heights
/// continue, and no peer asks the orderer for blocks it already had.</summary>
[Collection(LocalNetworkCollection.Name)]
public sealed class ResumeTests(ITestOutputHelper output)
{
    private const int OneOrgPorts = 2 + (3 * 3);
    private const string Channel = "ledger";

    [Fact]
    public async Task A_restarted_network_continues_from_its_ledgers_without_fetching_blocks_twice()
    {
        await using var network = new BackgroundNetwork("one-org", OneOrgPorts);

        // The first run is in the foreground and stopped with Ctrl-C; the second runs in the background.
        using var foreground = network.StartForeground();
        var before = await network.EventuallyAsync(
            s => s.Organizations.SelectMany(o => o.Peers).All(p => p.State == PeerStates.Alive && p.Channels.GetValueOrDefault(Channel) >= 10),
            TimeSpan.FromSeconds(60),
            "every peer at height 10 or more");
        var heights = before.Organizations.SelectMany(o => o.Peers).ToDictionary(p => p.Name, p => p.Channels[Channel]);
        var ordererBefore = before.OrdererHeight;
        output.WriteLine($"before the stop: orderer {ordererBefore}, peers {string.Join(", ", heights)}");

        var pids = network.Run();
        var exitCode = await foreground.InterruptAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, foreground.Output);
        Assert.Contains("stopped", foreground.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(network.RunFilePath), "a clean stop removes the run file");
        Assert.DoesNotContain(pids.Nodes.Select(n => n.Pid).Append(pids.SupervisorPid), p => p is { } pid && K8sGossip.Operator.Local.Runtime.ProcessSignals.IsAlive(pid));
        var stoppedAt = DateTimeOffset.UtcNow;

        var again = await network.UpAsync();
        Assert.True(again.ExitCode == 0, again.ToString() + network.Logs());

        // The first observation in which a peer answers already shows at least its old height: it resumed, not restarted from 0.
        var resumed = await network.EventuallyAsync(
            s => s.Organizations.SelectMany(o => o.Peers).All(p => p.State == PeerStates.Alive),
            TimeSpan.FromSeconds(60),
            "every peer alive again");
        Assert.True(resumed.OrdererHeight >= ordererBefore, $"the orderer resumed at {resumed.OrdererHeight}, below {ordererBefore}");
        foreach (var peer in resumed.Organizations.SelectMany(o => o.Peers))
        {
            Assert.True(peer.Channels[Channel] >= heights[peer.Name], $"{peer.Name} is at {peer.Channels[Channel]}, below its {heights[peer.Name]} before the stop");
        }

        // Heights go on growing past where they resumed, which takes blocks from the orderer.
        var resumedTop = resumed.Organizations.SelectMany(o => o.Peers).Max(p => p.Channels[Channel]);
        await network.EventuallyAsync(
            s => s.Organizations.SelectMany(o => o.Peers).All(p => p.Channels[Channel] > resumedTop),
            TimeSpan.FromSeconds(30),
            $"every peer past {resumedTop}, where the network resumed");

        // The orderer's record of Deliver streams: none opened since the restart by a peer starts below what that peer had.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var text = "";
        var streams = new List<(string Caller, string Channel, ulong Start, DateTimeOffset At)>();
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        while (streams.Count == 0 && DateTimeOffset.UtcNow < deadline)
        {
            text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{network.OrdererAdminPort.ToString(CultureInfo.InvariantCulture)}/status"));
            using var json = JsonDocument.Parse(text);
            streams = [.. json.RootElement.GetProperty("deliverStreams").EnumerateArray()
                .Select(s => (Caller: s.GetProperty("caller").GetString()!, Channel: s.GetProperty("channel").GetString()!, Start: s.GetProperty("start").GetUInt64(), At: s.GetProperty("at").GetDateTimeOffset()))
                .Where(s => s.At >= stoppedAt && heights.ContainsKey(s.Caller))];
            if (streams.Count == 0)
            {
                await Task.Delay(250);
            }
        }

        output.WriteLine($"deliver streams since the restart: {string.Join("; ", streams)}");
        Assert.True(streams.Count > 0, $"no Deliver stream since {stoppedAt:O} in the orderer's status: {text}");
        Assert.All(streams, s => Assert.True(s.Start >= heights[s.Caller], $"{s.Caller} opened a stream at {s.Start}, below its height {heights[s.Caller]} before the stop"));
    }
}
