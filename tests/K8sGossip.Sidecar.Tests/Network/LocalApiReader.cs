using K8sGossip.Rpc.Client;
using K8sGossip.Sidecar.LocalApi;
using K8sGossip.Sidecar.LocalApi.Protos;

namespace K8sGossip.Sidecar.Tests.Network;

/// <summary>Reads committed blocks from a peer's local API.</summary>
internal static class LocalApiReader
{
    /// <summary>The first <paramref name="count"/> blocks streamed from <paramref name="from"/>.</summary>
    public static async Task<List<CommittedBlockEvent>> BlocksAsync(RpcChannel api, ulong from, int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var call = api.ServerStreaming(
            LocalApiMethods.Blocks,
            new BlocksRequest { Channel = TestNetwork.Channel, FromHeight = from },
            new CallOptions(CancellationToken: cts.Token));
        var blocks = new List<CommittedBlockEvent>();
        while (blocks.Count < count && await call.ResponseStream.MoveNext(cts.Token))
        {
            blocks.Add(call.ResponseStream.Current);
        }

        return blocks;
    }
}
