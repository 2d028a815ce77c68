using K8sGossip.Sidecar.Configuration.Keys;
using K8sGossip.Sidecar.Configuration.Model;

namespace K8sGossip.Sidecar.Configuration.Loading;

/// <summary>
/// The effective trio of <c>useLeaderElection</c>, <c>orgLeader</c> and <c>k8sgossip.election.mode</c>. Keys the user did not set
/// follow the ones they did (setting <c>mode: static</c> alone implies no election; setting <c>useLeaderElection: true</c> alone
/// implies a dynamic mode and no static leadership), so only settings the user wrote can contradict each other.
/// </summary>
/// <param name="UseLeaderElection">Whether the peer takes part in election.</param>
/// <param name="OrgLeader">Whether the peer is a static leader.</param>
/// <param name="Mode">The election mode.</param>
internal sealed record ElectionRoles(bool UseLeaderElection, bool OrgLeader, LeaderElectionMode Mode)
{
    /// <summary>Derives the trio from resolved values whose three keys are valid.</summary>
    public static ElectionRoles From(ResolvedValues values)
    {
        var useExplicit = values.IsExplicit(GossipElectionKeys.UseLeaderElection);
        var leaderExplicit = values.IsExplicit(GossipElectionKeys.OrgLeader);
        var use = values.Get(GossipElectionKeys.UseLeaderElection);
        var leader = values.Get(GossipElectionKeys.OrgLeader);
        if (values.Get(LeaderElectionKeys.Mode) is { } mode)
        {
            var elects = mode != LeaderElectionMode.Static;
            return new ElectionRoles(
                useExplicit ? use : elects,
                leaderExplicit ? leader : !elects && leader,
                mode);
        }

        var effectiveLeader = leaderExplicit ? leader : !use && leader;
        return new ElectionRoles(use, effectiveLeader, use ? LeaderElectionMode.Dynamic : LeaderElectionMode.Static);
    }
}
