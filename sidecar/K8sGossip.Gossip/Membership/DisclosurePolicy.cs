namespace K8sGossip.Gossip.Membership;

/// <summary>
/// What this node may tell a peer about another: anything within an organization; across organizations only about
/// this node's own org or the recipient's, only between orgs that share a channel, and only when both the member and
/// the recipient have external endpoints. The internal endpoint (the secret part) never crosses organizations.
/// </summary>
internal sealed class DisclosurePolicy(string selfMspId, IOrganizationTopology topology)
{
    public bool MayDisclose(string memberMsp, bool memberHasExternal, string recipientMsp, bool recipientHasExternal)
    {
        if (string.Equals(memberMsp, recipientMsp, StringComparison.Ordinal))
        {
            return true;
        }

        if (!string.Equals(memberMsp, selfMspId, StringComparison.Ordinal) && !string.Equals(recipientMsp, selfMspId, StringComparison.Ordinal))
        {
            return false; // never describe a third organization
        }

        return memberHasExternal && recipientHasExternal && topology.ShareAChannel(memberMsp, recipientMsp);
    }

    /// <summary>Whether a peer of <paramref name="mspId"/> may exist in this node's view at all.</summary>
    public bool MayKnow(string mspId) => topology.ShareAChannel(selfMspId, mspId);
}
