using K8sGossip.Sidecar.Configuration.Keys;
using K8sGossip.Sidecar.Configuration.Model;

namespace K8sGossip.Sidecar.Configuration.Loading;

/// <summary>Rules across keys: settings that are each valid but contradict each other. Every message names every key involved, with its value and where it came from.</summary>
internal static class ConfigurationConsistency
{
    /// <summary>The rules below, in words, for the documentation.</summary>
    public static IReadOnlyList<string> Documented { get; } =
    [
        "`peer.gossip.useLeaderElection` and `peer.gossip.orgLeader` cannot both be true (Fabric refuses this too).",
        "`k8sgossip.election.mode: static` cannot be combined with `useLeaderElection: true`; modes `dynamic` and `lease` cannot be combined with `useLeaderElection: false` or `orgLeader: true`. Keys left unset follow the ones that are set.",
        "Mode `lease` needs `k8sgossip.kubernetes.namespace` and `k8sgossip.kubernetes.apiServer`.",
        "`k8sgossip.election.lease.renewDeadline` must be shorter than `lease.duration` and longer than 1.2 × `lease.retryPeriod` (client-go's rules).",
        "`aliveExpirationTimeout` > `aliveTimeInterval`; `requestWaitTime` > `digestWaitTime`; `pullInterval` > `digestWaitTime` + `responseWaitTime`.",
        "`election.leaderElectionDuration` < `election.leaderAliveThreshold`; `leaderAliveThreshold` > 2 × `election.membershipSampleInterval`.",
        "`k8sgossip.dissemination.storeMaxAge` > `peer.gossip.pullInterval`; `ihaveBatchDelay` < `graftTimeout`.",
        "`k8sgossip.failureDetection.probeTimeout` < `probeInterval`.",
        "`peer.gossip.state.batchSize` ≤ `peer.gossip.state.blockBufferSize`.",
        "`k8sgossip.orderer.generator.rate` > 0 only in the `orderer` role.",
        "`k8sgossip.ports.peer`, `admin` and `localApi` are all different.",
    ];

    /// <summary>Records every contradiction among keys that parsed.</summary>
    public static void Check(ResolvedValues v, ConfigurationErrorList errors)
    {
        CheckElection(v, errors);
        CheckLease(v, errors);
        CheckTimers(v, errors);
        CheckFailureDetection(v, errors);
        CheckBounds(v, errors);
        CheckRoleAndPorts(v, errors);
    }

    private static void CheckElection(ResolvedValues v, ConfigurationErrorList errors)
    {
        var use = GossipElectionKeys.UseLeaderElection;
        var leader = GossipElectionKeys.OrgLeader;
        var mode = LeaderElectionKeys.Mode;
        if (!v.AreValid(use, leader, mode))
        {
            return;
        }

        var roles = ElectionRoles.From(v);
        if (!v.IsExplicit(mode) || v.Get(mode) is null)
        {
            // The mode follows useLeaderElection, so only Fabric's own contradiction is possible.
            if (roles.UseLeaderElection && roles.OrgLeader)
            {
                errors.Add(use.Path, $"{v.Show(use)} and {v.Show(leader)} cannot both be true: a peer is either a static leader or a candidate in elections (Fabric refuses this combination too)");
            }

            return;
        }

        if (roles.Mode == LeaderElectionMode.Static && roles.UseLeaderElection)
        {
            errors.Add(mode.Path, $"{v.Show(mode)} contradicts {v.Show(use)}: static leaders are not elected; use mode dynamic or lease, or set useLeaderElection to false");
        }

        if (roles.Mode != LeaderElectionMode.Static && !roles.UseLeaderElection)
        {
            errors.Add(mode.Path, $"{v.Show(mode)} elects leaders, but {v.Show(use)}; set useLeaderElection to true or use mode static");
        }

        if (roles.Mode != LeaderElectionMode.Static && roles.OrgLeader)
        {
            errors.Add(mode.Path, $"{v.Show(mode)} elects leaders, but {v.Show(leader)} makes this peer a static leader; set orgLeader to false or use mode static");
        }
    }

    private static void CheckLease(ResolvedValues v, ConfigurationErrorList errors)
    {
        var mode = LeaderElectionKeys.Mode;
        var ns = LeaderElectionKeys.KubernetesNamespace;
        var api = LeaderElectionKeys.KubernetesApiServer;
        if (v.AreValid(mode, ns, api, GossipElectionKeys.UseLeaderElection, GossipElectionKeys.OrgLeader) &&
            ElectionRoles.From(v).Mode == LeaderElectionMode.Lease)
        {
            var missing = new List<string>();
            if (v.Get(ns).Length == 0)
            {
                missing.Add(ns.Path);
            }

            if (v.Get(api) is null)
            {
                missing.Add(api.Path);
            }

            if (missing.Count > 0)
            {
                errors.Add(mode.Path, $"{v.Show(mode)} needs the Kubernetes API, but {string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} not set");
            }
        }

        var duration = LeaderElectionKeys.LeaseDuration;
        var renew = LeaderElectionKeys.LeaseRenewDeadline;
        var retry = LeaderElectionKeys.LeaseRetryPeriod;
        RequireLess(v, errors, renew, duration, "a leader must give up before others may take its Lease");
        if (v.AreValid(renew, retry) && v.Get(renew) <= v.Get(retry) * 1.2)
        {
            errors.Add(renew.Path, $"{v.Show(renew)} must be longer than 1.2 × {v.Show(retry)}, so a leader retries renewal at least once before giving up (client-go's rule)");
        }
    }

    private static void CheckTimers(ResolvedValues v, ConfigurationErrorList errors)
    {
        RequireLess(v, errors, GossipKeys.AliveTimeInterval, GossipKeys.AliveExpirationTimeout, "every peer would be declared dead between two of its alive messages");
        RequireLess(v, errors, GossipKeys.DigestWaitTime, GossipKeys.RequestWaitTime, "requests would arrive after the responder forgot the digest it sent");
        RequireLess(v, errors, GossipElectionKeys.LeaderElectionDuration, GossipElectionKeys.LeaderAliveThreshold, "a new election would start before the previous one decides");
        RequireLess(v, errors, GossipKeys.PullInterval, DisseminationKeys.StoreMaxAge, "blocks would expire from the pull store before the next pull round could repair them");

        var pull = GossipKeys.PullInterval;
        var digest = GossipKeys.DigestWaitTime;
        var response = GossipKeys.ResponseWaitTime;
        if (v.AreValid(pull, digest, response) && v.Get(pull) <= v.Get(digest) + v.Get(response))
        {
            errors.Add(pull.Path, $"{v.Show(pull)} must exceed {v.Show(digest)} + {v.Show(response)}, or pull rounds overlap");
        }

        var sample = GossipElectionKeys.MembershipSampleInterval;
        var threshold = GossipElectionKeys.LeaderAliveThreshold;
        if (v.AreValid(sample, threshold) && v.Get(threshold) <= v.Get(sample) * 2)
        {
            errors.Add(threshold.Path, $"{v.Show(threshold)} must be more than twice {v.Show(sample)}, or a live leader's silence is misjudged");
        }
    }

    private static void CheckFailureDetection(ResolvedValues v, ConfigurationErrorList errors)
    {
        RequireLess(v, errors, FailureDetectionKeys.ProbeTimeout, FailureDetectionKeys.ProbeInterval, "the next probe would start before the previous one timed out");
        RequireLess(v, errors, DisseminationKeys.IHaveBatchDelay, DisseminationKeys.GraftTimeout, "peers would request blocks whose announcement is still waiting in a batch");
    }

    private static void CheckBounds(ResolvedValues v, ConfigurationErrorList errors)
    {
        var batch = StateTransferKeys.BatchSize;
        var buffer = StateTransferKeys.BlockBufferSize;
        if (v.AreValid(batch, buffer) && v.Get(batch) > v.Get(buffer))
        {
            errors.Add(batch.Path, $"{v.Show(batch)} must not exceed {v.Show(buffer)}: a catch-up batch must fit the reorder window");
        }
    }

    private static void CheckRoleAndPorts(ResolvedValues v, ConfigurationErrorList errors)
    {
        var role = SidecarKeys.Role;
        var rate = OrdererKeys.GeneratorRate;
        if (v.AreValid(role, rate) && v.Get(role) == SidecarRole.Peer && v.Get(rate) > 0)
        {
            errors.Add(rate.Path, $"{v.Show(rate)} generates blocks, which only the orderer role does, but {v.Show(role)}");
        }

        ConfigKey<int>[] ports = [SidecarKeys.PeerPort, SidecarKeys.AdminPort, SidecarKeys.LocalApiPort];
        for (var i = 0; i < ports.Length; i++)
        {
            for (var j = i + 1; j < ports.Length; j++)
            {
                if (v.AreValid(ports[i], ports[j]) && v.Get(ports[i]) == v.Get(ports[j]))
                {
                    errors.Add(ports[j].Path, $"{v.Show(ports[j])} is the same port as {v.Show(ports[i])}; each service needs its own port");
                }
            }
        }
    }

    private static void RequireLess(ResolvedValues v, ConfigurationErrorList errors, ConfigKey<TimeSpan> smaller, ConfigKey<TimeSpan> larger, string why)
    {
        if (v.AreValid(smaller, larger) && v.Get(smaller) >= v.Get(larger))
        {
            errors.Add(larger.Path, $"{v.Show(larger)} must be longer than {v.Show(smaller)}: otherwise {why}");
        }
    }
}
