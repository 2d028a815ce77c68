using K8sGossip.Gossip.Protos;
using K8sGossip.Rpc.Client;
using K8sGossip.Sidecar.Deliver;

namespace K8sGossip.Sidecar.Tests.Deliver;

/// <summary>Reads a whole (non-follow) Deliver stream: the block bytes and the statuses.</summary>
internal static class DeliverReader
{
    public static async Task<(List<ReadOnlyMemory<byte>> Blocks, List<DeliverStatus> Statuses)> ReadAllAsync(
        DeliverChannelPool pool, Uri address, DeliverRequest request)
    {
        using var timeout = new CancellationTokenSource(Eventually.Patience);
        using var call = pool.Get(address).ServerStreaming(DeliverMethods.Blocks, request, new CallOptions(CancellationToken: timeout.Token));
        var blocks = new List<ReadOnlyMemory<byte>>();
        var statuses = new List<DeliverStatus>();
        while (await call.ResponseStream.MoveNext(timeout.Token))
        {
            var frame = call.ResponseStream.Current;
            Assert.Null(frame.Malformed);
            if (frame.Status is { } status)
            {
                statuses.Add(status);
            }
            else
            {
                blocks.Add(frame.BlockBytes);
            }
        }

        return (blocks, statuses);
    }
}
