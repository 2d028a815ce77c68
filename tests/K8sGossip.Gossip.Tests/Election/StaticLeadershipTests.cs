using K8sGossip.Gossip.Election;

namespace K8sGossip.Gossip.Tests.Election;

public sealed class StaticLeadershipTests
{
    [Fact]
    public void A_static_leader_leads_from_start_until_stop_and_says_so()
    {
        var leadership = new StaticLeadership(isLeader: true);
        var changes = new List<bool>();
        leadership.LeadershipChanged += changes.Add;

        Assert.False(leadership.IsLeader);
        leadership.Start();
        Assert.True(leadership.IsLeader);
        leadership.Yield();
        Assert.True(leadership.IsLeader);
        leadership.Stop(handOver: true);

        Assert.False(leadership.IsLeader);
        Assert.Equal([true, false], changes);
    }

    [Fact]
    public void A_static_follower_never_leads()
    {
        var leadership = new StaticLeadership(isLeader: false);
        var changes = new List<bool>();
        leadership.LeadershipChanged += changes.Add;

        leadership.Start();
        leadership.Stop(handOver: true);

        Assert.False(leadership.IsLeader);
        Assert.Empty(changes);
    }
}
