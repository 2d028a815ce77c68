using K8sGossip.Gossip.Protos;
using K8sGossip.Rpc;
using K8sGossip.Rpc.Client;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>Learns the orderer's height without transferring a block: a follow request from
/// <see cref="DeliverMethods.HeadProbeStart"/> is answered with the head announcement first, then the call is cancelled.</summary>
public sealed class OrdererHeightProbe
{
    private readonly DeliverChannelPool _channels;
    private readonly string _channel;
    private readonly IReadOnlyList<BlockSourceEndpoint> _orderers;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    /// <summary>Creates a probe of <paramref name="orderers"/> for <paramref name="channel"/>, each try bounded by <paramref name="timeout"/>.</summary>
    public OrdererHeightProbe(DeliverChannelPool channels, string channel, IReadOnlyList<BlockSourceEndpoint> orderers, TimeSpan timeout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(orderers);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _channels = channels;
        _channel = channel;
        _orderers = [.. orderers];
        _timeout = timeout;
        _time = time;
    }

    /// <summary>The height of the first orderer that answers, or null when none does.</summary>
    public async Task<ulong?> ProbeAsync(CancellationToken ct)
    {
        foreach (var orderer in _orderers)
        {
            if (await ProbeAsync(orderer, ct).ConfigureAwait(false) is { } height)
            {
                return height;
            }
        }

        return null;
    }

    /// <summary>The height of one endpoint, or null when it does not answer in time.</summary>
    public async Task<ulong?> ProbeAsync(BlockSourceEndpoint endpoint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var request = new DeliverRequest { Channel = _channel, Start = DeliverMethods.HeadProbeStart, Follow = true };
        try
        {
            using var call = _channels.Get(endpoint.Address).ServerStreaming(DeliverMethods.Blocks, request, new CallOptions(CancellationToken: linked.Token));
            if (await call.ResponseStream.MoveNext(linked.Token).ConfigureAwait(false) && call.ResponseStream.Current.Status is { } status)
            {
                return status.Height;
            }

            return null;
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException or IOException)
        {
            // A call cut short by our own stop reports itself as CANCELLED; surface it as the cancellation it is.
            ct.ThrowIfCancellationRequested();
            return null;
        }
    }
}
