using K8sGossip.Sidecar.Hosting;

namespace K8sGossip.Sidecar.Peer;

/// <summary>
/// When a peer is ready: it has joined membership (at least one other peer is alive, or it was configured with nobody
/// to contact) and every channel's committed height is within the channel's threshold of the best height it knows of
/// (its channel peers' published heights and its block source's height).
/// </summary>
internal static class PeerReadiness
{
    public static Readiness Evaluate(PeerHost peer)
    {
        var reasons = new List<string>();
        var node = peer.Node;
        if (node is null)
        {
            return new Readiness(false, ["starting"]);
        }

        if (!node.Membership.Current.Alive.Any() && !peer.AloneByConfiguration)
        {
            reasons.Add("membership: no other peer is alive yet");
        }

        foreach (var channel in peer.Channels.Values)
        {
            var own = channel.Committer.CommittedHeight;
            var best = Math.Max(node.Channel(channel.Name).View.MaxHeight, channel.SourceHeight ?? 0);
            var threshold = (ulong)channel.Definition.AdaptiveThreshold;
            if (best > own + threshold)
            {
                reasons.Add($"channel {channel.Name}: height {own} is more than {threshold} blocks behind {best}");
            }
        }

        return new Readiness(reasons.Count == 0, reasons);
    }
}
