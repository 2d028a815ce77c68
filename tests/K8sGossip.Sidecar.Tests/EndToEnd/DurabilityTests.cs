using K8sGossip.Rpc;
using K8sGossip.Sidecar.Tests.Network;

namespace K8sGossip.Sidecar.Tests.EndToEnd;

/// <summary>Peer and orderer processes killed with SIGKILL at seeded random points while blocks stream.</summary>
[Collection(SidecarProcessCollection.Name)]
public sealed class DurabilityTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Killed_peers_and_orderer_lose_no_acknowledged_block_and_the_peer_catches_up()
    {
        await using var network = new TestNetwork("direct", organizations: 1, peersPerOrganization: 2);
        var victim = network.Peers[0];
        var witness = network.Peers[1];
        network.Start();
        await network.EventuallyAsync(
            async () => (await network.StatusesAsync(network.Peers, CancellationToken.None)).Count == 2,
            Patience,
            "every peer's local API");

        // The orderer acknowledges a submission only once the block holding it is durable.
        var acknowledged = new long[1];
        using var stop = new CancellationTokenSource();
        var submitter = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var height = (long)await network.SubmitAsync(1, stop.Token);
                    Interlocked.Exchange(ref acknowledged[0], Math.Max(Volatile.Read(ref acknowledged[0]), height));
                }
                catch (Exception e) when (e is RpcException or HttpRequestException or IOException or OperationCanceledException)
                {
                    await Task.Delay(50, CancellationToken.None);
                }
            }
        });

        var random = new Random(20261121);
        for (var round = 0; round < 6; round++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 1500)));
            var target = round is 2 or 4 ? network.Orderer : victim;
            var before = target == victim ? await network.HeightAsync(victim, CancellationToken.None) : (ulong)Volatile.Read(ref acknowledged[0]);

            target.ExpectedToExit = true;
            await target.Process!.KillAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(100, 600)));
            network.StartNode(target);
            target.ExpectedToExit = false;

            if (target == victim)
            {
                await network.EventuallyAsync(
                    async () => await network.HeightAsync(victim, CancellationToken.None) >= before,
                    Patience,
                    $"the restarted peer to hold at least the {before} blocks it had committed");
            }
            else
            {
                await network.EventuallyAsync(
                    () => Task.FromResult((ulong)Volatile.Read(ref acknowledged[0]) > before),
                    Patience,
                    $"the restarted orderer to accept submissions beyond the {before} it had acknowledged");
            }
        }

        await stop.CancelAsync();
        await submitter;
        var final = (ulong)Volatile.Read(ref acknowledged[0]);
        Assert.True(final > 0);

        await network.EventuallyAsync(
            async () => await network.HeightAsync(victim, CancellationToken.None) >= final && await network.HeightAsync(witness, CancellationToken.None) >= final,
            Patience,
            $"both peers to catch up to the {final} acknowledged blocks");

        var victimChain = await LocalApiReader.BlocksAsync(network.LocalApi(victim), 0, (int)final, Patience);
        var witnessChain = await LocalApiReader.BlocksAsync(network.LocalApi(witness), 0, (int)final, Patience);
        Assert.Equal(Enumerable.Range(0, (int)final).Select(i => (ulong)i), victimChain.Select(b => b.Number));
        Assert.Equal(witnessChain.Select(b => b.HeaderHash.ToBase64()), victimChain.Select(b => b.HeaderHash.ToBase64()));
    }
}
