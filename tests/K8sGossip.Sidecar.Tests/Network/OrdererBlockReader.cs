using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Protos;
using K8sGossip.Rpc.Client;
using K8sGossip.Sidecar.Deliver;

namespace K8sGossip.Sidecar.Tests.Network;

/// <summary>Reads the orderer's chain over its Deliver service (mutual TLS), the reference that peers' stores are
/// compared with.</summary>
internal static class OrdererBlockReader
{
    /// <summary>The orderer's height, from a head probe (the head announcement of a follow stream that never reaches a block).</summary>
    public static async Task<ulong> HeightAsync(RpcChannel orderer, CancellationToken ct)
    {
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var call = orderer.ServerStreaming(
            DeliverMethods.Blocks,
            new DeliverRequest { Channel = TestNetwork.Channel, Start = DeliverMethods.HeadProbeStart, Follow = true },
            new CallOptions(CancellationToken: probe.Token));
        if (!await call.ResponseStream.MoveNext(probe.Token) || call.ResponseStream.Current.Status is not { } head)
        {
            throw new IOException("The orderer's Deliver stream did not start with its height.");
        }

        await probe.CancelAsync();
        return head.Height;
    }

    /// <summary>The header hashes of blocks <c>0 .. count-1</c>, in the order the orderer sent them, with their numbers.</summary>
    public static async Task<List<(ulong Number, string HeaderHash)>> HeaderHashesAsync(RpcChannel orderer, ulong count, CancellationToken ct)
    {
        using var call = orderer.ServerStreaming(
            DeliverMethods.Blocks,
            new DeliverRequest { Channel = TestNetwork.Channel, Start = 0, Stop = count - 1 },
            new CallOptions(CancellationToken: ct));
        var blocks = new List<(ulong, string)>();
        while (await call.ResponseStream.MoveNext(ct))
        {
            var frame = call.ResponseStream.Current;
            Assert.Null(frame.Malformed);
            if (!frame.IsBlock)
            {
                continue;
            }

            var rejection = EncodedBlock.TryDecode(frame.BlockBytes, int.MaxValue, out var block, out var detail);
            Assert.True(block is not null, $"The orderer sent a block that does not decode: {rejection} {detail}");
            blocks.Add((block.Number, Convert.ToBase64String(block.HeaderHash)));
        }

        return blocks;
    }
}
