namespace K8sGossip.Gossip.Dissemination;

/// <summary>Push, pull and message-store settings of block dissemination (per channel).</summary>
public sealed class DisseminationOptions
{
    /// <summary>How blocks are pushed. Default <see cref="PushMode.Plumtree"/>.</summary>
    public PushMode PushMode { get; set; } = PushMode.Plumtree;

    /// <summary>Initial eager peers (Plumtree) or peers per forward (infect-and-die); Fabric's <c>propagatePeerNum</c>. Default 3.</summary>
    public int Fanout { get; set; } = 3;

    /// <summary>Lazy peers that receive each batch of announcements. Default 4.</summary>
    public int LazyFanout { get; set; } = 4;

    /// <summary>How long announcements are collected before they are sent in one message. Default 10 ms.</summary>
    public TimeSpan LazyBatchDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long an announced, missing block may still arrive by push before it is grafted. It must exceed
    /// the time a push takes down the tree on a busy node, or grafts duplicate pushes. Default 100 ms.</summary>
    public TimeSpan GraftTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long to wait for a grafted block before asking the next announcer. Default 250 ms.</summary>
    public TimeSpan GraftRetryTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Delay before forwarded blocks are sent, to batch them (Fabric's <c>maxPropagationBurstLatency</c>).
    /// Default zero: push at once.</summary>
    public TimeSpan PushBatchDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Blocks a peer may lag this node (by its StateInfo height) before it gets no more pushes, grafts or
    /// pulls of new blocks: it catches up by state transfer. It must exceed the blocks cut during a StateInfo
    /// interval plus a pull interval (a peer that waits for one pulled block is not far behind). Default 500.</summary>
    public ulong FarBehindThreshold { get; set; } = 500;

    /// <summary>Whether the periodic digest pull runs. Default true.</summary>
    public bool PullEnabled { get; set; } = true;

    /// <summary>Time between pull rounds; Fabric's <c>pullInterval</c>. Default 2 s.</summary>
    public TimeSpan PullInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Peers asked per pull round; Fabric's <c>pullPeerNum</c>. Default 3.</summary>
    public int PullPeers { get; set; } = 3;

    /// <summary>How long digests are collected after the hellos; Fabric's <c>digestWaitTime</c>. Default 100 ms.</summary>
    public TimeSpan DigestWaitTime { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a responder honours a hello's nonce; Fabric's <c>requestWaitTime</c>. Default 500 ms.</summary>
    public TimeSpan RequestWaitTime { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long responses are accepted after the requests; Fabric's <c>responseWaitTime</c>. Default 1 s.</summary>
    public TimeSpan ResponseWaitTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most items asked of one peer in one pull request. Default 64.</summary>
    public int MaxPullItems { get; set; } = 64;

    /// <summary>Most items the store keeps (Fabric's <c>maxBlockCountToStore</c>): the window in which pull can repair what push
    /// missed. Default 1000 (50 s at 20 blocks/s; with large blocks the byte bound binds first).</summary>
    public int StoreMaxCount { get; set; } = 1000;

    /// <summary>Most payload bytes the store keeps. Default 64 MiB.</summary>
    public long StoreMaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How long an item stays in the store at most. Default 60 s.</summary>
    public TimeSpan StoreMaxAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Fabric's behaviour, as the baseline: infect-and-die fanout 3, 10 ms burst latency, pull every 4 s from 3
    /// peers with 1 s / 1.5 s / 2 s digest, request and response waits, no far-behind filter. The store keeps 100
    /// blocks (the v1.x sample value the published comparisons ran with; v2 samples keep 10).</summary>
    public static DisseminationOptions FabricDefaults() => new()
    {
        PushMode = PushMode.InfectAndDie,
        Fanout = 3,
        PushBatchDelay = TimeSpan.FromMilliseconds(10),
        FarBehindThreshold = ulong.MaxValue,
        PullInterval = TimeSpan.FromSeconds(4),
        PullPeers = 3,
        DigestWaitTime = TimeSpan.FromSeconds(1),
        RequestWaitTime = TimeSpan.FromMilliseconds(1500),
        ResponseWaitTime = TimeSpan.FromSeconds(2),
        MaxPullItems = 1000,
        StoreMaxCount = 100,
    };

    /// <summary>A copy, so profiles can be adjusted without touching the original.</summary>
    public DisseminationOptions Clone() => (DisseminationOptions)MemberwiseClone();

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public void Validate()
    {
        Require(Fanout >= 1, $"dissemination.fanout must be at least 1, got {Fanout}.");
        Require(LazyFanout >= 0, $"dissemination.lazyFanout must not be negative, got {LazyFanout}.");
        Require(LazyBatchDelay >= TimeSpan.Zero, $"dissemination.lazyBatchDelay must not be negative, got {LazyBatchDelay}.");
        Require(GraftTimeout > TimeSpan.Zero, $"dissemination.graftTimeout must be positive, got {GraftTimeout}.");
        Require(GraftRetryTimeout > TimeSpan.Zero, $"dissemination.graftRetryTimeout must be positive, got {GraftRetryTimeout}.");
        Require(PushBatchDelay >= TimeSpan.Zero, $"dissemination.pushBatchDelay must not be negative, got {PushBatchDelay}.");
        Require(FarBehindThreshold >= 1, "dissemination.farBehindThreshold must be at least 1.");
        Require(PullInterval > TimeSpan.Zero, $"dissemination.pullInterval must be positive, got {PullInterval}.");
        Require(PullPeers >= 1, $"dissemination.pullPeerNum must be at least 1, got {PullPeers}.");
        Require(DigestWaitTime > TimeSpan.Zero, $"dissemination.digestWaitTime must be positive, got {DigestWaitTime}.");
        Require(RequestWaitTime > TimeSpan.Zero, $"dissemination.requestWaitTime must be positive, got {RequestWaitTime}.");
        Require(ResponseWaitTime > TimeSpan.Zero, $"dissemination.responseWaitTime must be positive, got {ResponseWaitTime}.");
        Require(DigestWaitTime + ResponseWaitTime <= PullInterval, $"dissemination.digestWaitTime + responseWaitTime ({DigestWaitTime + ResponseWaitTime}) must not exceed pullInterval ({PullInterval}).");
        Require(MaxPullItems >= 1, $"dissemination.maxPullItems must be at least 1, got {MaxPullItems}.");
        Require(StoreMaxCount >= 1, $"dissemination.store.maxCount must be at least 1, got {StoreMaxCount}.");
        Require(StoreMaxBytes >= 1, $"dissemination.store.maxBytes must be at least 1, got {StoreMaxBytes}.");
        Require(StoreMaxAge > TimeSpan.Zero, $"dissemination.store.maxAge must be positive, got {StoreMaxAge}.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
