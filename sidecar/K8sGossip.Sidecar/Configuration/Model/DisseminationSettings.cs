namespace K8sGossip.Sidecar.Configuration.Model;

/// <summary>Block push and the pull store's bounds (<c>k8sgossip.dissemination.*</c>, with Fabric's <c>maxBlockCountToStore</c>).</summary>
/// <param name="Push">Tree (eager/lazy) or random push.</param>
/// <param name="EagerFanout">Peers a block is pushed to in full.</param>
/// <param name="LazyFanout">Peers told only its digest.</param>
/// <param name="IHaveBatchSize">Most digests per announcement.</param>
/// <param name="IHaveBatchDelay">Longest wait of a digest for batching.</param>
/// <param name="GraftTimeout">Wait for an announced block before requesting it.</param>
/// <param name="GraftRetryTimeout">Wait for a requested block before asking the next announcer.</param>
/// <param name="MaxPullItems">Most blocks asked of one peer per pull request.</param>
/// <param name="FarBehindThreshold">No push to peers this many blocks behind; 0 pushes to all.</param>
/// <param name="StoreMaxBlocks">Pull store bound in blocks (<c>peer.gossip.maxBlockCountToStore</c>).</param>
/// <param name="StoreMaxBytes">Pull store bound in bytes.</param>
/// <param name="StoreMaxAge">Pull store bound in age.</param>
public sealed record DisseminationSettings(
    PushStrategy Push,
    int EagerFanout,
    int LazyFanout,
    int IHaveBatchSize,
    TimeSpan IHaveBatchDelay,
    TimeSpan GraftTimeout,
    TimeSpan GraftRetryTimeout,
    int MaxPullItems,
    int FarBehindThreshold,
    int StoreMaxBlocks,
    long StoreMaxBytes,
    TimeSpan StoreMaxAge);
