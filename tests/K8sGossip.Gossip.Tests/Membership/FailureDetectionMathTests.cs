using K8sGossip.Gossip.Membership;

namespace K8sGossip.Gossip.Tests.Membership;

public sealed class FailureDetectionMathTests
{
    [Fact]
    public void The_suspicion_timeout_shrinks_from_its_maximum_to_its_minimum_as_confirmations_arrive()
    {
        var minimum = SuspicionTimeout.Minimum(100, 4, TimeSpan.FromSeconds(1));
        var maximum = minimum * 6;

        Assert.Equal(TimeSpan.FromSeconds(8), minimum); // memberlist: 4 × log10(100) × 1 s
        Assert.Equal(maximum, SuspicionTimeout.After(0, 3, minimum, maximum));
        var one = SuspicionTimeout.After(1, 3, minimum, maximum);
        var two = SuspicionTimeout.After(2, 3, minimum, maximum);
        Assert.True(maximum > one && one > two && two > minimum);
        Assert.Equal(minimum, SuspicionTimeout.After(3, 3, minimum, maximum));
        Assert.Equal(minimum, SuspicionTimeout.After(10, 3, minimum, maximum));
        Assert.Equal(TimeSpan.FromSeconds(4), SuspicionTimeout.Minimum(5, 4, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Local_health_stretches_timeouts_up_to_its_maximum_and_recovers()
    {
        var health = new LocalHealth(maxScore: 2);

        health.Worse();
        Assert.Equal(TimeSpan.FromSeconds(2), health.Scale(TimeSpan.FromSeconds(1)));
        health.Worse();
        health.Worse();
        Assert.Equal(TimeSpan.FromSeconds(3), health.Scale(TimeSpan.FromSeconds(1)));
        health.Better();
        health.Better();
        health.Better();
        Assert.Equal(0, health.Score);
    }

    [Fact]
    public void Disclosure_never_crosses_orgs_without_external_endpoints_a_shared_channel_or_for_a_third_org()
    {
        var topology = StaticOrganizationTopology.FromChannels([["A", "B"], ["A", "C"]]);
        var policy = new DisclosurePolicy("A", topology);

        Assert.True(policy.MayDisclose("A", false, "A", false));
        Assert.True(policy.MayDisclose("A", true, "B", true));
        Assert.True(policy.MayDisclose("B", true, "B", false));
        Assert.False(policy.MayDisclose("A", false, "B", true));
        Assert.False(policy.MayDisclose("A", true, "B", false));
        Assert.False(policy.MayDisclose("B", true, "C", true)); // a third org is never described
        Assert.False(new DisclosurePolicy("B", topology).MayDisclose("B", true, "C", true)); // no shared channel
        Assert.False(new DisclosurePolicy("B", topology).MayKnow("C"));
    }
}
