namespace K8sGossip.Sidecar.Configuration.Channels;

/// <summary>The fields of the channel file: the reader accepts exactly these, and the documentation lists them.</summary>
internal static class ChannelFileSchema
{
    /// <summary>The most characters in a channel name (Fabric's limit).</summary>
    public const int MaxNameLength = 249;

    /// <summary>Every field, in documentation order.</summary>
    public static IReadOnlyList<ChannelFileField> Fields { get; } =
    [
        new("channels", "list", "required", "The channels this sidecar serves."),
        new("channels[].name", "string", "required", $"Channel name as Fabric accepts it: lower-case letters, digits, '.' and '-', starting with a letter, at most {MaxNameLength} characters."),
        new("channels[].organizations", "list of MSP ID", "required", "Member organizations. In the `peer` role the peer's own `peer.localMspId` must be one of them. Every member needs a trust-bundle entry."),
        new("channels[].anchorPeers", "list", "`[]`", "Anchor peers, through which peers of other organizations are discovered."),
        new("channels[].anchorPeers[].organization", "MSP ID", "required", "The anchor's organization; must be a member of the channel."),
        new("channels[].anchorPeers[].endpoint", "endpoint", "required", "The anchor's external endpoint (`host:port`)."),
        new("channels[].ordererEndpoints", "list of endpoint", "`k8sgossip.orderer.endpoints`", "Where the channel's blocks are pulled from. In the `peer` role a channel needs endpoints here or in `k8sgossip.orderer.endpoints`."),
        new("channels[].dissemination.mode", "choice: gossip \\| direct \\| adaptive", "`gossip`", "`gossip`: an elected or static leader per organization pulls from the orderer and pushes to its peers. `direct`: every peer pulls from the orderer. `adaptive`: every peer pulls from the orderer while within `threshold` blocks of it, else from an organization peer that is."),
        new("channels[].dissemination.threshold", "integer, 1 to 1000000", "`10`", "Blocks behind the orderer beyond which an `adaptive` peer streams from an organization peer. Only valid with mode `adaptive`."),
        new("channels[].election.mode", "choice: static \\| dynamic \\| lease", "the sidecar's effective `k8sgossip.election.mode`", "Leader election for this channel. Only valid with dissemination mode `gossip` (the other modes have no leader). `lease` needs `k8sgossip.kubernetes.namespace` and `apiServer`."),
        new("trustBundle", "map", "required", "MSP ID → CA certificate of every organization in any channel, and of the ordering organization (`k8sgossip.orderer.mspId`), which signs blocks."),
        new("trustBundle.<mspId>", "path", "required", "PEM CA certificate of the organization; relative paths are resolved against the channel file's directory."),
    ];

    /// <summary>Names of the fields allowed directly under the mapping at <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> ChildrenOf(string path)
    {
        var prefix = path.Length == 0 ? string.Empty : path + ".";
        return [.. Fields
            .Select(f => f.Path)
            .Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && p.Length > prefix.Length)
            .Select(p => p[prefix.Length..].Split('.')[0].TrimEnd('[', ']'))
            .Distinct(StringComparer.Ordinal)];
    }
}
