namespace K8sGossip.Gossip.Election;

/// <summary>
/// Timing of dynamic election. Fabric's names; tighter defaults, since a Kubernetes network is a LAN:
/// failover in about 2.5 s instead of Fabric's 15 s (10 s silence + 5 s election).
/// </summary>
public sealed record ElectionOptions
{
    /// <summary>`election.startupGracePeriod`: how long a new peer listens before it may propose itself, so it
    /// learns of a live leader and of its peers' heights first. Fabric: 15 s.</summary>
    public TimeSpan StartupGracePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>`election.membershipSampleInterval`: how often the election state is checked. Fabric: 1 s.</summary>
    public TimeSpan MembershipSampleInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>`election.leaderAliveThreshold`: silence after which followers consider the leader gone. The
    /// leader declares itself four times per threshold, so one or two lost declarations never cause an
    /// election. Fabric: 10 s (declaring every 5 s).</summary>
    public TimeSpan LeaderAliveThreshold { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>`election.leaderElectionDuration`: how long proposals are collected before the best candidate
    /// declares. Fabric: 5 s.</summary>
    public TimeSpan LeaderElectionDuration { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Candidates within this many blocks of the highest known height count as equally current.</summary>
    public ulong HeightTolerance { get; init; } = 10;

    /// <summary>How long a peer that yielded (cannot reach the orderer) stays out of elections.</summary>
    public TimeSpan YieldPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a leader declares itself.</summary>
    public TimeSpan DeclarationInterval => LeaderAliveThreshold / 4;

    /// <summary>Fabric's defaults, for the `fabric-defaults` profile.</summary>
    public static ElectionOptions FabricDefaults { get; } = new()
    {
        StartupGracePeriod = TimeSpan.FromSeconds(15),
        MembershipSampleInterval = TimeSpan.FromSeconds(1),
        LeaderAliveThreshold = TimeSpan.FromSeconds(10),
        LeaderElectionDuration = TimeSpan.FromSeconds(5),
        YieldPeriod = TimeSpan.FromSeconds(10),
    };

    /// <summary>Checks the options; returns a message naming the key for each problem.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MembershipSampleInterval <= TimeSpan.Zero)
        {
            errors.Add("election.membershipSampleInterval must be positive.");
        }

        if (LeaderAliveThreshold <= MembershipSampleInterval * 2)
        {
            errors.Add("election.leaderAliveThreshold must be more than twice election.membershipSampleInterval.");
        }

        if (LeaderElectionDuration <= TimeSpan.Zero || LeaderElectionDuration >= LeaderAliveThreshold)
        {
            errors.Add("election.leaderElectionDuration must be positive and shorter than election.leaderAliveThreshold.");
        }

        if (StartupGracePeriod < TimeSpan.Zero)
        {
            errors.Add("election.startupGracePeriod must not be negative.");
        }

        return errors;
    }
}
