namespace K8sGossip.Sidecar.Deliver;

/// <summary>What a Deliver server did: streams opened, blocks and bytes served, and refusals by reason.</summary>
public sealed class DeliverServiceCounters
{
    private long _streams;
    private long _blocks;
    private long _bytes;
    private long _notFound;
    private long _outOfRange;
    private long _invalidArgument;
    private long _permissionDenied;
    private long _dataLoss;

    /// <summary>Streams accepted.</summary>
    public long Streams => Interlocked.Read(ref _streams);

    /// <summary>Blocks sent.</summary>
    public long BlocksServed => Interlocked.Read(ref _blocks);

    /// <summary>Block bytes sent.</summary>
    public long BytesServed => Interlocked.Read(ref _bytes);

    /// <summary>Requests for a channel this node does not serve.</summary>
    public long NotFound => Interlocked.Read(ref _notFound);

    /// <summary>Requests starting beyond the height without follow.</summary>
    public long OutOfRange => Interlocked.Read(ref _outOfRange);

    /// <summary>Requests with an impossible range or no channel.</summary>
    public long InvalidArgument => Interlocked.Read(ref _invalidArgument);

    /// <summary>Callers refused by the authorization policy.</summary>
    public long PermissionDenied => Interlocked.Read(ref _permissionDenied);

    /// <summary>Streams ended because a stored record was damaged.</summary>
    public long DataLoss => Interlocked.Read(ref _dataLoss);

    internal void StreamOpened() => Interlocked.Increment(ref _streams);

    internal void Served(int bytes)
    {
        Interlocked.Increment(ref _blocks);
        Interlocked.Add(ref _bytes, bytes);
    }

    internal long Refused(K8sGossip.Rpc.StatusCode code) => code switch
    {
        K8sGossip.Rpc.StatusCode.NotFound => Interlocked.Increment(ref _notFound),
        K8sGossip.Rpc.StatusCode.OutOfRange => Interlocked.Increment(ref _outOfRange),
        K8sGossip.Rpc.StatusCode.PermissionDenied => Interlocked.Increment(ref _permissionDenied),
        K8sGossip.Rpc.StatusCode.DataLoss => Interlocked.Increment(ref _dataLoss),
        _ => Interlocked.Increment(ref _invalidArgument),
    };
}
