using K8sGossip.Rpc.Client;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>One mutual-TLS RPC channel (one HTTP/2 connection) per block source address, reused by every stream and
/// probe to it; a dropped connection is re-established by the next call.</summary>
public sealed class DeliverChannelPool : IDisposable
{
    private readonly MutualTlsIdentity _tls;
    private readonly int _maxMessageBytes;
    private readonly TimeProvider _time;
    private readonly Dictionary<Uri, RpcChannel> _channels = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>Creates a pool whose channels accept messages up to <paramref name="maxMessageBytes"/>.</summary>
    public DeliverChannelPool(MutualTlsIdentity tls, int maxMessageBytes, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tls);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessageBytes);
        _tls = tls;
        _maxMessageBytes = maxMessageBytes;
        _time = time;
    }

    /// <summary>The channel to <paramref name="address"/>, created on first use.</summary>
    public RpcChannel Get(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_channels.TryGetValue(address, out var channel))
            {
                var options = _tls.ChannelOptions(_maxMessageBytes, _time);

                // One Deliver stream per channel this peer pulls: past the server's stream limit, another connection.
                options.AllowAdditionalConnections = true;
                channel = new RpcChannel(address, options);
                _channels[address] = channel;
            }

            return channel;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var channel in _channels.Values)
            {
                channel.Dispose();
            }

            _channels.Clear();
        }
    }
}
