using K8sGossip.Sidecar.Tests.Network;
using Xunit.Abstractions;

namespace K8sGossip.Sidecar.Tests.EndToEnd;

/// <summary>
/// Adaptive mode with a peer thousands of blocks behind: it streams from an organization peer, moves to the orderer
/// once within the threshold, and survives the death of the peer it streams from without losing a block.
/// </summary>
[Collection(SidecarProcessCollection.Name)]
public sealed class AdaptiveSourceSwitchTests(AdaptiveHistoryNetworkFixture fixture, ITestOutputHelper output) : IClassFixture<AdaptiveHistoryNetworkFixture>
{
    private static readonly TimeSpan Timeout = AdaptiveHistoryNetworkFixture.Timeout;
    private readonly TestNetwork _network = fixture.Network;

    [Fact]
    public async Task A_peer_thousands_of_blocks_behind_streams_from_an_organization_peer_then_switches_to_the_orderer()
    {
        var late = fixture.Late[0];
        var height = await fixture.SettledHeightAsync();
        Log($"starting {late.Name} at height 0 of {height}");

        _network.StartNode(late);
        await WaitForHeightAsync(late, height);
        Log($"{late.Name} at {height}");
        await _network.EventuallyAsync(async () => (await SourcesAsync(late)).LastOrDefault() == "orderer", Timeout, $"{late.Name} to switch to the orderer");

        var sources = await SourcesAsync(late);
        Log($"sources: {string.Join(", ", sources)}");
        Assert.True(sources.Count >= 2, $"sources: {string.Join(", ", sources)}");
        Assert.True(SourcePeers(late).Any(p => IsPeer(sources[0], p)), $"the first source is {sources[0]}, not a peer of the organization");

        // Following the orderer now: a new block reaches the late peer.
        Assert.Equal(height + 1, await _network.SubmitAsync(1, CancellationToken.None));
        await WaitForHeightAsync(late, height + 1);
        await AssertSameChainAsOrdererAsync(late, height + 1);
    }

    [Fact]
    public async Task A_peer_whose_source_peer_is_killed_mid_stream_switches_source_and_stores_every_block_in_order()
    {
        var late = fixture.Late[1];
        var height = await fixture.SettledHeightAsync();
        Log($"starting {late.Name} at height 0 of {height}");

        _network.StartNode(late);
        TestNode? killed = null;
        ulong heightAtKill = 0;
        var deadline = DateTime.UtcNow + Timeout;
        while (killed is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{late.Name} never streamed from a peer past block 1000.\n{_network.Logs()}");
            var status = await StatusOrNullAsync(late);
            if (status is { Height: >= 1_000 } && status.Sources.LastOrDefault() is { } current && SourcePeers(late).FirstOrDefault(p => IsPeer(current, p)) is { } streaming)
            {
                streaming.ExpectedToExit = true;
                await streaming.Process!.KillAsync();
                killed = streaming;
                heightAtKill = (await StatusOrNullAsync(late))?.Height ?? status.Height;
            }
            else
            {
                Assert.True(status is null || status.Height < height, $"{late.Name} caught up to {status?.Height} before it could be observed streaming from a peer past block 1000.");
                await Task.Delay(TimeSpan.FromMilliseconds(20));
            }
        }

        Log($"killed {killed.Name} (SIGKILL) with {late.Name} at height {heightAtKill}");
        Assert.True(heightAtKill < height, $"{killed.Name} was killed after {late.Name} had every block ({heightAtKill}).");
        await WaitForHeightAsync(late, height);

        var sources = await SourcesAsync(late);
        Log($"sources: {string.Join(", ", sources)}");
        var afterKill = sources.SkipWhile(s => !IsPeer(s, killed)).Skip(1).ToList();
        Assert.True(afterKill.Count > 0 && afterKill.All(s => !IsPeer(s, killed)), $"sources after killing {killed.Name}: {string.Join(", ", sources)}");
        await AssertSameChainAsOrdererAsync(late, height);
    }

    /// <summary>The started peers of the organization but <paramref name="late"/>: the sources it may stream from (a
    /// late peer of an earlier test holds the chain too).</summary>
    private List<TestNode> SourcePeers(TestNode late) =>
        [.. _network.PeersOf(AdaptiveHistoryNetworkFixture.Organization).Where(p => p != late && p.Process is not null)];

    private void Log(string message) => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {message}");

    private async Task WaitForHeightAsync(TestNode peer, ulong height) =>
        await _network.EventuallyAsync(
            async () => (await StatusOrNullAsync(peer))?.Height >= height,
            Timeout,
            $"{peer.Name} to reach height {height}");

    private async Task<K8sGossip.Sidecar.LocalApi.Protos.ChannelStatus?> StatusOrNullAsync(TestNode peer)
    {
        try
        {
            return (await _network.StatusesAsync([peer], CancellationToken.None))[peer].Channels.Single();
        }
        catch (Exception e) when (e is K8sGossip.Rpc.RpcException or HttpRequestException or IOException)
        {
            return null; // not listening yet
        }
    }

    private async Task<List<string>> SourcesAsync(TestNode peer) => [.. (await StatusOrNullAsync(peer))?.Sources ?? []];

    private static bool IsPeer(string source, TestNode peer) =>
        source.StartsWith("peer ", StringComparison.Ordinal) && peer.PkiIdHex.StartsWith(source["peer ".Length..], StringComparison.OrdinalIgnoreCase);

    /// <summary>The peer's store, read through its local API, holds blocks 0 .. height-1 in order with the orderer's hashes.</summary>
    private async Task AssertSameChainAsOrdererAsync(TestNode peer, ulong height)
    {
        var count = checked((int)height);
        using var cts = new CancellationTokenSource(Timeout);
        var reference = await OrdererBlockReader.HeaderHashesAsync(_network.OrdererChannel(), height, cts.Token);
        var stored = await LocalApiReader.BlocksAsync(_network.LocalApi(peer), 0, count, Timeout);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (ulong)i), reference.Select(b => b.Number));
        Assert.Equal(Enumerable.Range(0, count).Select(i => (ulong)i), stored.Select(b => b.Number));
        Assert.Equal(reference.Select(b => b.HeaderHash), stored.Select(b => b.HeaderHash.ToBase64()));
    }
}
