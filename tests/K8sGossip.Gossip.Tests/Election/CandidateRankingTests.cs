using K8sGossip.Gossip.Election;
using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Tests.Election;

public sealed class CandidateRankingTests
{
    private static PkiId Id(byte first)
    {
        var bytes = new byte[PkiId.Length];
        bytes[0] = first;
        return PkiId.From(bytes);
    }

    [Fact]
    public void Height_beats_a_lower_pki_id_when_the_gap_exceeds_the_tolerance()
    {
        var newcomer = new ElectionCandidate(Id(1), 0);
        var current = new ElectionCandidate(Id(9), 1_000);

        Assert.True(CandidateRanking.Outranks(current, newcomer, 1_000, 10));
        Assert.False(CandidateRanking.Outranks(newcomer, current, 1_000, 10));
    }

    [Fact]
    public void Within_the_tolerance_the_lower_pki_id_wins()
    {
        var a = new ElectionCandidate(Id(1), 995);
        var b = new ElectionCandidate(Id(2), 1_000);

        Assert.True(CandidateRanking.Outranks(a, b, 1_000, 10));
        Assert.Equal(a, CandidateRanking.Best([b, a], 1_000, 10));
    }

    [Fact]
    public void The_order_is_strict_for_every_pair_of_distinct_candidates()
    {
        var random = new Random(42);
        for (var i = 0; i < 10_000; i++)
        {
            var a = new ElectionCandidate(Id((byte)random.Next(1, 128)), (ulong)random.Next(0, 60));
            var b = new ElectionCandidate(Id((byte)random.Next(128, 256)), (ulong)random.Next(0, 60));
            var max = Math.Max(a.Height, b.Height) + (ulong)random.Next(0, 20);

            Assert.NotEqual(CandidateRanking.Outranks(a, b, max, 10), CandidateRanking.Outranks(b, a, max, 10));
        }
    }

    [Fact]
    public void No_candidates_means_no_leader()
    {
        Assert.Null(CandidateRanking.Best([], 0, 10));
    }

    [Fact]
    public void Election_options_are_validated_with_the_key_named()
    {
        var bad = new ElectionOptions { LeaderElectionDuration = TimeSpan.FromSeconds(5), LeaderAliveThreshold = TimeSpan.FromSeconds(2) };

        Assert.Contains(bad.Validate(), e => e.Contains("election.leaderElectionDuration", StringComparison.Ordinal));
        Assert.Empty(new ElectionOptions().Validate());
        Assert.Empty(ElectionOptions.FabricDefaults.Validate());
    }
}
