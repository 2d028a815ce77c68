namespace K8sGossip.Sidecar.Configuration.Keys;

/// <summary>Fabric's orderer-pull keys, <c>peer.deliveryclient.*</c>.</summary>
internal static class DeliveryClientKeys
{
    /// <summary><c>peer.deliveryclient.connTimeout</c>.</summary>
    public static readonly ConfigKey<TimeSpan> ConnTimeout = new(
        "peer.deliveryclient.connTimeout", Parse.Duration("10ms", "1m"), KeyDefaults.Same("3s"),
        "Timeout of connecting to an orderer.");

    /// <summary><c>peer.deliveryclient.reconnectTotalTimeThreshold</c>.</summary>
    public static readonly ConfigKey<TimeSpan> ReconnectTotalTimeThreshold = new(
        "peer.deliveryclient.reconnectTotalTimeThreshold", Parse.Duration("1s", "24h"), KeyDefaults.Differ("30s", "1h"),
        "An elected leader that cannot reach any orderer for this long yields leadership, so a peer that can reach one takes over. A static leader keeps retrying.",
        "An hour without blocks for a whole organization is too long when another peer may reach the orderer; 30 s rides out an orderer restart.");

    /// <summary>The group, in documentation order.</summary>
    public static KeyGroup Group => new(
        "Orderer connection (`peer.deliveryclient.*`)",
        "How a peer pulls blocks from the ordering service.",
        [ConnTimeout, ReconnectTotalTimeThreshold]);
}
