namespace K8sGossip.Sidecar.Deliver;

/// <summary>What a <see cref="DeliverClient"/> is doing.</summary>
public enum DeliverClientState
{
    /// <summary>Not started.</summary>
    Idle,

    /// <summary>Opening a stream.</summary>
    Connecting,

    /// <summary>Receiving blocks (or waiting for new ones at the source's head).</summary>
    Streaming,

    /// <summary>Waiting before the next attempt after a failure.</summary>
    BackingOff,

    /// <summary>Stopped on request.</summary>
    Stopped,

    /// <summary>Stopped because the local ledger cannot take blocks any more (the store failed).</summary>
    Faulted,
}

/// <summary>A snapshot of a <see cref="DeliverClient"/>: state, source, progress and the last error.</summary>
/// <param name="State">What it is doing.</param>
/// <param name="Endpoint">The source in use (or last tried).</param>
/// <param name="CommittedHeight">The local committed height.</param>
/// <param name="ServerHeight">The height the current source last reported, if known.</param>
/// <param name="BlocksReceived">Valid blocks received since start, over all sources.</param>
/// <param name="ConsecutiveFailures">Failed attempts since the last stream that delivered a block.</param>
/// <param name="LastError">The cause of the last failure, if any.</param>
public sealed record DeliverClientStatus(
    DeliverClientState State,
    BlockSourceEndpoint? Endpoint,
    ulong CommittedHeight,
    ulong? ServerHeight,
    long BlocksReceived,
    int ConsecutiveFailures,
    string? LastError);

/// <summary>A source that failed: the stream broke, or it served a block that failed verification.</summary>
/// <param name="Endpoint">The source.</param>
/// <param name="Cause">What happened, for logs.</param>
/// <param name="Rejection">The verification failure when the source served a bad block; null for stream errors.</param>
public sealed record DeliverSourceFailure(BlockSourceEndpoint Endpoint, string Cause, K8sGossip.Gossip.Blocks.BlockRejection? Rejection);
