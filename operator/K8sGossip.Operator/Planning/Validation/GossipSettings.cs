using System.Globalization;
using K8sGossip.Operator.Crds;

namespace K8sGossip.Operator.Planning;

/// <summary>Turns an organization's gossip tuning into the sidecar's settings, keyed by Fabric's peer.gossip names.</summary>
internal static class GossipSettings
{
    /// <summary>The duration-valued settings that are set, by name.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Durations(GossipTuning gossip)
    {
        ArgumentNullException.ThrowIfNull(gossip);
        return Pairs(
            ("pullInterval", gossip.PullInterval),
            ("aliveTimeInterval", gossip.AliveTimeInterval),
            ("aliveExpirationTimeout", gossip.AliveExpirationTimeout),
            ("reconnectInterval", gossip.ReconnectInterval),
            ("publishStateInfoInterval", gossip.PublishStateInfoInterval));
    }

    /// <summary>Every setting that is set, sorted by name; absent settings keep the sidecar's defaults.</summary>
    public static IReadOnlyDictionary<string, string> ToSettings(GossipTuning? gossip)
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (gossip is null)
        {
            return settings;
        }

        foreach (var (key, value) in Durations(gossip).Concat(Pairs(
            ("propagatePeerNum", gossip.PropagatePeerNum?.ToString(CultureInfo.InvariantCulture)),
            ("pullPeerNum", gossip.PullPeerNum?.ToString(CultureInfo.InvariantCulture)))))
        {
            settings[key] = value;
        }

        return settings;
    }

    private static IEnumerable<KeyValuePair<string, string>> Pairs(params (string Key, string? Value)[] pairs) =>
        pairs.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Key, p.Value!));
}
