namespace K8sGossip.Gossip.Membership;

/// <summary>Which organizations share at least one channel; membership tells an organization nothing about orgs it
/// shares no channel with. The channel layer provides it from channel configurations.</summary>
public interface IOrganizationTopology
{
    /// <summary>Whether <paramref name="mspA"/> and <paramref name="mspB"/> are members of a common channel (true when equal).</summary>
    bool ShareAChannel(string mspA, string mspB);
}
