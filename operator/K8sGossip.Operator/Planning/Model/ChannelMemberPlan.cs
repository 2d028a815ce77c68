namespace K8sGossip.Operator.Planning;

/// <summary>One member organization of a channel, with its election as the channel uses it.</summary>
/// <param name="Organization">The Organization's name.</param>
/// <param name="MspId">Its MSP ID.</param>
/// <param name="Election">Its leader election.</param>
/// <param name="ElectsLeader">True when the channel's mode uses a leader (gossip mode).</param>
public sealed record ChannelMemberPlan(string Organization, string MspId, ElectionPlan Election, bool ElectsLeader);
