using K8sGossip.Rpc.Client;
using K8sGossip.Sidecar.LocalApi;
using K8sGossip.Sidecar.LocalApi.Protos;
using K8sGossip.Sidecar.Tests.Network;
using Xunit.Abstractions;

namespace K8sGossip.Sidecar.Tests.EndToEnd;

/// <summary>
/// Height-aware election in gossip mode: a newcomer with an empty ledger and the lowest PKI-ID of its organization
/// (the peer Fabric's election by PKI-ID alone would pick, starving the organization while it catches up) joins an
/// organization at height 1,000 while the orderer keeps cutting blocks.
/// </summary>
[Collection(SidecarProcessCollection.Name)]
public sealed class ElectionStarvationTests(ITestOutputHelper output)
{
    private const ulong OrganizationHeight = 1_000;
    private const string Organization = "Org1MSP";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_newcomer_with_the_lowest_pki_id_and_an_empty_ledger_does_not_become_leader_and_blocks_keep_flowing()
    {
        await using var network = new TestNetwork("gossip", organizations: 1, peersPerOrganization: 2) { OrdererGeneratorRate = 250 };
        var newcomer = network.AddPeer(Organization, lowestPkiId: true);
        var incumbents = network.PeersOf(Organization).Where(p => p != newcomer).ToList();
        Assert.All(incumbents, p => Assert.True(newcomer.Credentials.PkiId.CompareTo(p.Credentials.PkiId) < 0, "the newcomer's PKI-ID is the lowest"));

        network.Start(newcomer);
        await network.EventuallyAsync(
            async () =>
            {
                var statuses = await network.StatusesAsync(incumbents, CancellationToken.None);
                return statuses.Values.All(s => s.Channels.Single().Height >= OrganizationHeight) && statuses.Values.Count(s => s.Channels.Single().Leader) == 1;
            },
            Timeout,
            $"the organization to reach height {OrganizationHeight} with one leader");
        var leader = (await network.StatusesAsync(incumbents, CancellationToken.None)).Single(s => s.Value.Channels.Single().Leader).Key;
        Log($"leader {leader.Name} ({leader.Credentials.PkiId.Short}); newcomer {newcomer.Name} ({newcomer.Credentials.PkiId.Short})");

        network.StartNode(newcomer);
        await network.EventuallyAsync(async () => (await network.StatusesAsync([newcomer], CancellationToken.None)).Count == 1, Timeout, "the newcomer's local API");
        var heightsAtStart = await HeightsAsync(network, incumbents);
        Log($"newcomer serving; organization at {heightsAtStart.Values.Min()}");

        // Over the window (which covers the newcomer's startup grace period and its catch-up), the newcomer never
        // leads, never sees itself or anyone but the incumbent as leader, and the incumbent keeps leading.
        var observations = 0;
        var windowEnd = DateTime.UtcNow + Window;
        while (DateTime.UtcNow < windowEnd)
        {
            var statuses = await network.StatusesAsync([newcomer, .. incumbents], CancellationToken.None);
            if (observations % 10 == 0)
            {
                Log($"newcomer at {statuses[newcomer].Channels.Single().Height}, {leader.Name} at {statuses[leader].Channels.Single().Height}");
            }

            Assert.False(statuses[newcomer].Channels.Single().Leader, $"the newcomer became leader at height {statuses[newcomer].Channels.Single().Height}.\n{network.Logs()}");
            Assert.True(statuses[leader].Channels.Single().Leader, $"{leader.Name} stopped leading.\n{network.Logs()}");
            Assert.All(incumbents.Where(p => p != leader), p => Assert.False(statuses[p].Channels.Single().Leader, $"{p.Name} leads too."));

            var seenAsLeaders = (await MembershipAsync(network, newcomer)).Members.Where(m => m.Leader).Select(m => m.PkiId).ToList();
            Assert.All(seenAsLeaders, id => Assert.Equal(leader.PkiIdHex, id));
            observations++;
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        Assert.True(observations >= 5, $"only {observations} observations in the window");
        var heightsAtEnd = await HeightsAsync(network, incumbents);
        Log($"{observations} observations; organization from {heightsAtStart.Values.Min()} to {heightsAtEnd.Values.Min()}");
        Assert.All(incumbents, p => Assert.True(heightsAtEnd[p] > heightsAtStart[p], $"{p.Name} stayed at height {heightsAtStart[p]}."));

        // The newcomer catches up from its organization and then follows it, still without leading.
        var target = heightsAtEnd.Values.Max();
        await network.EventuallyAsync(
            async () => (await network.StatusesAsync([newcomer], CancellationToken.None))[newcomer].Channels.Single().Height >= target,
            Timeout,
            $"the newcomer to catch up to height {target}");
        var seen = await MembershipAsync(network, newcomer);
        Assert.Equal(leader.PkiIdHex, Assert.Single(seen.Members, m => m.Leader).PkiId);
        Assert.False((await network.StatusesAsync([newcomer], CancellationToken.None))[newcomer].Channels.Single().Leader);
    }

    private void Log(string message) => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {message}");

    private static async Task<Dictionary<TestNode, ulong>> HeightsAsync(TestNetwork network, IEnumerable<TestNode> peers) =>
        (await network.StatusesAsync(peers, CancellationToken.None)).ToDictionary(s => s.Key, s => s.Value.Channels.Single().Height);

    private static async Task<MembershipReply> MembershipAsync(TestNetwork network, TestNode peer) =>
        await network.LocalApi(peer).UnaryAsync(
            LocalApiMethods.Membership,
            new MembershipRequest { Channel = TestNetwork.Channel },
            new CallOptions(CancellationToken: CancellationToken.None));
}
