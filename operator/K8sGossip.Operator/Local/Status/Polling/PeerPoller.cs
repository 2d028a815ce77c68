using K8sGossip.Operator.Planning;
using K8sGossip.Rpc;
using K8sGossip.Rpc.Client;
using K8sGossip.Sidecar.LocalApi;
using K8sGossip.Sidecar.LocalApi.Protos;

namespace K8sGossip.Operator.Local.Status;

/// <summary>
/// Reads one peer's local API (Status, then Membership of each of its channels) over one h2c channel, with short
/// deadlines so a dead or hung peer never stalls a round. After a failure the channel is replaced, so the next round
/// connects afresh to a restarted peer.
/// </summary>
internal sealed class PeerPoller : IDisposable
{
    private readonly Lock _gate = new();
    private readonly PeerPlan _peer;
    private readonly TimeProvider _time;
    private readonly TimeSpan _connectTimeout;
    private readonly ObserverDiagnostics _diagnostics;
    private readonly Uri _address;
    private RpcChannel _channel;
    private bool _disposed;

    /// <summary>Creates a poller for <paramref name="peer"/>'s local API endpoint.</summary>
    public PeerPoller(PeerPlan peer, TimeProvider time, TimeSpan connectTimeout, ObserverDiagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(peer);
        _peer = peer;
        _time = time;
        _connectTimeout = connectTimeout;
        _diagnostics = diagnostics;
        _address = new Uri($"http://{peer.LocalApiEndpoint}");
        _channel = CreateChannel();
    }

    /// <summary>The peer's name.</summary>
    public string Name => _peer.Name;

    /// <summary>The current channel to the peer, for block streams.</summary>
    public RpcChannel Channel
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _channel;
            }
        }
    }

    /// <summary>Reads the peer, each call allowed <paramref name="timeout"/>; a peer that fails its Status call is <see cref="PeerReading.Silent"/>. Never throws but for cancellation.</summary>
    public async Task<PeerReading> PollAsync(TimeSpan timeout, CancellationToken ct)
    {
        var channel = Channel;
        StatusReply status;
        try
        {
            status = await channel.UnaryAsync(LocalApiMethods.Status, new StatusRequest(), Options(timeout, ct)).ConfigureAwait(false);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            Failed(channel, e);
            return PeerReading.Silent;
        }

        _diagnostics.PeerAnswered(_peer.Name);
        var channels = status.Channels
            .Select(c => new PeerChannelReading(c.Name, c.Height, c.Leader, c.Mode))
            .ToArray();
        var memberships = await Task.WhenAll(channels.Select(c => MembershipAsync(channel, c.Channel, timeout, ct))).ConfigureAwait(false);
        return new PeerReading(true, status.PkiId, channels, [.. memberships.SelectMany(m => m)]);
    }

    /// <summary>Closes the channel; running block streams over it end.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _channel.Dispose();
        }
    }

    private async Task<IReadOnlyList<MemberReading>> MembershipAsync(RpcChannel channel, string name, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            var reply = await channel.UnaryAsync(LocalApiMethods.Membership, new MembershipRequest { Channel = name }, Options(timeout, ct)).ConfigureAwait(false);
            return [.. reply.Members.Select(m => new MemberReading(name, m.PkiId, m.Endpoint, m.State))];
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Membership only tells how others see a silent peer; without it this peer still counts as answering.
            _diagnostics.MembershipFailed(_peer.Name, name, Cause(e), Detail(e));
            return [];
        }
    }

    private CallOptions Options(TimeSpan timeout, CancellationToken ct) => new(Deadline: _time.GetUtcNow() + timeout, CancellationToken: ct);

    private void Failed(RpcChannel failed, Exception error)
    {
        _diagnostics.PeerFailed(_peer.Name, _address.Authority, Cause(error), Detail(error));
        lock (_gate)
        {
            // Replace the channel once per failure, and only if no one replaced it already.
            if (_disposed || !ReferenceEquals(failed, _channel))
            {
                return;
            }

            _channel = CreateChannel();
        }

        failed.Dispose();
    }

    private RpcChannel CreateChannel() => new(_address, new RpcChannelOptions { TimeProvider = _time, ConnectTimeout = _connectTimeout });

    /// <summary>A short name of what went wrong, for grouping log lines.</summary>
    internal static string Cause(Exception error) => error switch
    {
        RpcException rpc => rpc.StatusCode.ToString(),
        _ => error.GetType().Name,
    };

    /// <summary>What went wrong, for people.</summary>
    internal static string Detail(Exception error) => error switch
    {
        RpcException rpc => rpc.Detail,
        _ => error.Message,
    };
}
