namespace K8sGossip.Operator.Crds;

/// <summary>The lowercase names of <see cref="DisseminationMode"/> values, as the CRD, the sidecar's configuration and the
/// status JSON spell them.</summary>
public static class DisseminationModeNames
{
    /// <summary>The mode's name, e.g. <c>gossip</c>.</summary>
    public static string Name(this DisseminationMode mode) => mode switch
    {
        DisseminationMode.Gossip => "gossip",
        DisseminationMode.Direct => "direct",
        DisseminationMode.Adaptive => "adaptive",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown dissemination mode"),
    };
}
