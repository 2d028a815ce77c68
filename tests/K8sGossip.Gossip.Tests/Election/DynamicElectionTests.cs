using K8sGossip.Gossip.Election;
using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Tests.Election;

public sealed class DynamicElectionTests
{
    [Fact]
    public void Exactly_one_leader_emerges_and_stays_while_nothing_fails()
    {
        var bed = new ElectionTestBed(seed: 7);
        for (var i = 0; i < 5; i++)
        {
            bed.Add(height: 100).Start();
        }

        bed.Run(TimeSpan.FromSeconds(5));
        Assert.Single(bed.Leaders());

        var worst = 0;
        var fewest = int.MaxValue;
        bed.Run(TimeSpan.FromSeconds(60), () =>
        {
            worst = Math.Max(worst, bed.Leaders().Count);
            fewest = Math.Min(fewest, bed.Leaders().Count);
        });
        Assert.Equal(1, worst);
        Assert.Equal(1, fewest);
        Assert.All(bed.Peers, p => Assert.True(p.Election.TimesElected <= 1));
    }

    [Fact]
    public void Leader_with_lowest_pki_id_among_current_peers_wins()
    {
        var bed = new ElectionTestBed(seed: 11);
        for (var i = 0; i < 4; i++)
        {
            bed.Add(height: 50);
        }

        bed.Peers.ForEach(p => p.Start());
        bed.Run(TimeSpan.FromSeconds(5));

        var expected = bed.Peers.Select(p => p.Self).Min();
        Assert.Equal(expected, Assert.Single(bed.Leaders()).Self);
    }

    [Fact]
    public void A_crashed_leader_is_replaced_within_the_alive_threshold_plus_the_election_duration()
    {
        var bed = new ElectionTestBed(seed: 3);
        for (var i = 0; i < 5; i++)
        {
            bed.Add(height: 10).Start();
        }

        bed.Run(TimeSpan.FromSeconds(5));
        var leader = Assert.Single(bed.Leaders());

        leader.Crash();
        var crashedAt = bed.Time.Elapsed;
        var recovered = bed.Time.RunUntil(() => bed.Leaders().Count == 1, TimeSpan.FromSeconds(10));

        Assert.True(recovered);
        var failover = bed.Time.Elapsed - crashedAt;
        var bound = bed.Options.LeaderAliveThreshold + bed.Options.LeaderElectionDuration + (bed.Options.MembershipSampleInterval * 3);
        Assert.True(failover <= bound, $"failover took {failover}, bound {bound}");
        Assert.NotEqual(leader.Self, bed.Leaders()[0].Self);
    }

    [Fact]
    public void A_new_far_behind_peer_with_the_lowest_pki_id_never_leads_and_the_org_keeps_a_leader()
    {
        var bed = new ElectionTestBed(seed: 5);
        for (var i = 0; i < 4; i++)
        {
            bed.Add(height: 1_000).Start();
        }

        bed.Run(TimeSpan.FromSeconds(5));
        var oldLeader = Assert.Single(bed.Leaders());

        var newcomer = bed.Add(height: 0, pkiId: PkiId.From(new byte[PkiId.Length]));
        newcomer.Start();
        Assert.True(bed.Peers.All(p => p == newcomer || newcomer.Self < p.Self));

        var newcomerEverLed = false;
        var leaderlessSamples = 0;
        bed.Run(TimeSpan.FromSeconds(10), () => newcomerEverLed |= newcomer.Election.IsLeader);

        oldLeader.Crash(); // the newcomer is the lowest PKI-ID, but far behind
        bed.Run(TimeSpan.FromSeconds(20), () =>
        {
            newcomerEverLed |= newcomer.Election.IsLeader;
            if (bed.Leaders().Count == 0)
            {
                leaderlessSamples++;
            }
        });

        Assert.False(newcomerEverLed);
        var leader = Assert.Single(bed.Leaders());
        Assert.Equal(1_000UL, leader.Height);
        Assert.True(leaderlessSamples * 10 <= 3_000, $"leaderless for {leaderlessSamples * 10} ms");
    }

    [Fact]
    public void A_partition_has_one_leader_per_side_and_after_healing_exactly_one_within_a_declaration_period()
    {
        var bed = new ElectionTestBed(seed: 13);
        for (var i = 0; i < 6; i++)
        {
            bed.Add(height: 20).Start();
        }

        bed.Run(TimeSpan.FromSeconds(5));
        Assert.Single(bed.Leaders());

        var sideA = bed.Peers.Take(3).ToList();
        bed.Partition(sideA);
        bed.Run(TimeSpan.FromSeconds(5));

        var leaders = bed.Leaders();
        Assert.Equal(2, leaders.Count);
        Assert.Single(leaders, l => sideA.Contains(l));
        Assert.Single(leaders, l => !sideA.Contains(l));

        bed.Heal();
        var healedAt = bed.Time.Elapsed;
        Assert.True(bed.Time.RunUntil(() => bed.Leaders().Count == 1, TimeSpan.FromSeconds(5)));
        var settle = bed.Time.Elapsed - healedAt;
        Assert.True(settle <= bed.Options.DeclarationInterval + TimeSpan.FromMilliseconds(20), $"settled after {settle}");

        var worst = 0;
        bed.Run(TimeSpan.FromSeconds(10), () => worst = Math.Max(worst, bed.Leaders().Count));
        Assert.Equal(1, worst);
    }

    [Fact]
    public void A_leader_that_stops_gracefully_hands_over_with_no_gap_beyond_message_latency()
    {
        var bed = new ElectionTestBed(seed: 17);
        for (var i = 0; i < 5; i++)
        {
            bed.Add(height: 30).Start();
        }

        bed.Run(TimeSpan.FromSeconds(5));
        var leader = Assert.Single(bed.Leaders());

        leader.StopGracefully();
        var stoppedAt = bed.Time.Elapsed;
        Assert.True(bed.Time.RunUntil(() => bed.Leaders().Count == 1, TimeSpan.FromSeconds(5)));
        var gap = bed.Time.Elapsed - stoppedAt;
        Assert.True(gap <= TimeSpan.FromMilliseconds(50), $"gap {gap}");

        var successor = bed.Leaders()[0];
        Assert.Equal(bed.Peers.Where(p => p != leader).Select(p => p.Self).Min(), successor.Self);
        var worst = 0;
        bed.Run(TimeSpan.FromSeconds(10), () => worst = Math.Max(worst, bed.Leaders().Count));
        Assert.Equal(1, worst);
    }

    [Fact]
    public void A_leader_that_yields_hands_over_and_stays_out_for_the_yield_period()
    {
        var bed = new ElectionTestBed(seed: 19);
        for (var i = 0; i < 3; i++)
        {
            bed.Add(height: 5).Start();
        }

        bed.Run(TimeSpan.FromSeconds(5));
        var leader = Assert.Single(bed.Leaders());

        leader.Node.Run("yield", leader.Election.Yield);
        var yieldedEverLed = false;
        bed.Run(bed.Options.YieldPeriod - TimeSpan.FromSeconds(1), () => yieldedEverLed |= leader.Election.IsLeader);

        Assert.False(yieldedEverLed);
        Assert.NotEqual(leader.Self, Assert.Single(bed.Leaders()).Self);
    }

    [Fact]
    public void The_same_seed_gives_the_same_election_history()
    {
        static string History(int seed)
        {
            var bed = new ElectionTestBed(seed);
            for (var i = 0; i < 5; i++)
            {
                bed.Add(height: (ulong)(i * 3)).Start();
            }

            var log = new List<string>();
            bed.Run(TimeSpan.FromSeconds(4), () => log.Add(string.Join(",", bed.Leaders().Select(l => l.Self.Short))));
            bed.Leaders()[0].Crash();
            bed.Run(TimeSpan.FromSeconds(6), () => log.Add(string.Join(",", bed.Leaders().Select(l => l.Self.Short))));
            return string.Join("|", log);
        }

        Assert.Equal(History(23), History(23));
    }

    [Fact]
    public void A_peer_alone_in_its_organization_leads_without_sending_and_declares_once_a_peer_joins()
    {
        var bed = new ElectionTestBed(seed: 29);
        var alone = bed.Add(height: 10);
        alone.Start();

        bed.Run(TimeSpan.FromSeconds(30));
        Assert.True(alone.Election.IsLeader);
        Assert.Equal(0, alone.MessagesSent);

        var joiner = bed.Add(height: 10);
        joiner.Start();
        bed.Run(TimeSpan.FromSeconds(10));

        Assert.True(alone.MessagesSent > 0, "the leader must declare to the peer that joined");
        Assert.Equal(alone.Self, Assert.Single(bed.Leaders()).Self);
    }
}
