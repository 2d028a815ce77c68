using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Election;
using K8sGossip.Gossip.Simulation;
using K8sGossip.Gossip.Telemetry;

namespace K8sGossip.Gossip.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class LeaderChangeMetricTests
{
    private const string Channel = "election-metrics";

    [Fact]
    public void Leadership_gained_and_lost_is_counted_per_channel()
    {
        using var metrics = new MetricRecorder();
        var cluster = new SimulatedCluster(new SimulatedClusterOptions
        {
            Seed = 41,
            Organizations = [("Org1MSP", 4)],
            Channels = [ChannelConfig.Of(Channel, "Org1MSP")],
        });
        cluster.Start();
        Assert.True(cluster.RunUntilChannelViewsComplete(Channel, TimeSpan.FromSeconds(30)));
        var elections = cluster.Nodes.Select(n => new ChannelElection(n.Context, n.Channel(Channel), n.Identities, n.Counters, new ElectionOptions())).ToList();
        elections.ForEach(e => e.Start());
        cluster.Time.Advance(TimeSpan.FromSeconds(10));
        var leader = Assert.Single(elections, e => e.IsLeader);

        // The leader leaves and hands over: one loss, and the successor's gain.
        leader.Stop(handOver: true);
        cluster.Time.Advance(TimeSpan.FromSeconds(10));

        var gained = metrics.Values(MetricNames.LeaderChanges, Channel, ("leader", true)).Sum();
        var lost = metrics.Values(MetricNames.LeaderChanges, Channel, ("leader", false)).Sum();
        Assert.Single(elections, e => e.IsLeader);
        Assert.True(gained >= 2, $"{gained} gains counted");
        Assert.True(lost >= 1, $"{lost} losses counted");
        Assert.Equal(1, gained - lost);
    }
}
