using System.Globalization;

namespace K8sGossip.Sidecar.Peer;

/// <summary>Where a peer serves <c>Deliver.Blocks</c> to the peers of its channels: its peer port, beside the gossip
/// stream, under the same mutual-TLS identity.</summary>
internal static class PeerDeliverAddress
{
    /// <summary>The Deliver address of the peer whose gossip endpoint is <paramref name="gossipEndpoint"/> (host:port);
    /// null when unparsable.</summary>
    public static Uri? Of(string gossipEndpoint)
    {
        var colon = gossipEndpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(gossipEndpoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return null;
        }

        return new Uri($"https://{gossipEndpoint}");
    }
}
