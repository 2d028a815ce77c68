namespace K8sGossip.Operator.Local.Status;

/// <summary>A peer's local API Status (and Membership per channel) as read in one round.</summary>
/// <param name="Answered">Whether the peer answered its Status call.</param>
/// <param name="PkiId">Its PKI-ID (hex) as it reports it; null when it did not answer.</param>
/// <param name="Channels">Its own view of each channel it joined.</param>
/// <param name="Members">How it sees the members of its channels (itself included).</param>
internal sealed record PeerReading(
    bool Answered,
    string? PkiId,
    IReadOnlyList<PeerChannelReading> Channels,
    IReadOnlyList<MemberReading> Members)
{
    /// <summary>A peer that did not answer.</summary>
    public static PeerReading Silent { get; } = new(false, null, [], []);
}

/// <summary>One channel as a peer reports it in its Status.</summary>
/// <param name="Channel">The channel's name.</param>
/// <param name="Height">Its committed height in that channel.</param>
/// <param name="Leader">Whether it leads its organization in that channel.</param>
/// <param name="Mode">gossip, direct or adaptive.</param>
internal sealed record PeerChannelReading(string Channel, ulong Height, bool Leader, string Mode);

/// <summary>One member of a channel as another peer's Membership reports it.</summary>
/// <param name="Channel">The channel's name.</param>
/// <param name="PkiId">The member's PKI-ID (hex).</param>
/// <param name="Endpoint">The member's gossip endpoint (<c>host:port</c>), possibly empty.</param>
/// <param name="State">alive, suspect, dead or self.</param>
internal sealed record MemberReading(string Channel, string PkiId, string Endpoint, string State);
