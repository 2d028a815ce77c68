namespace K8sGossip.Operator.Local.Status;

/// <summary>The part of a sidecar's admin <c>/status</c> the observer reads: its role and its height per channel.</summary>
/// <param name="Role">orderer or peer.</param>
/// <param name="Name">The node's name.</param>
/// <param name="Channels">Its channels.</param>
internal sealed record AdminStatusReply(string Role, string Name, IReadOnlyList<AdminChannelStatus> Channels);

/// <summary>One channel of an admin <c>/status</c>.</summary>
/// <param name="Name">The channel's name.</param>
/// <param name="Height">The node's height in it.</param>
internal sealed record AdminChannelStatus(string Name, ulong Height);
