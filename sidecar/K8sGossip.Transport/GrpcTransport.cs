using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using K8sGossip.Gossip.Comm;
using K8sGossip.Rpc;
using K8sGossip.Rpc.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Transport;

/// <summary>
/// The engine's real transport: gossip connections as bidirectional <c>k8sgossip.gossip.v1.Gossip/Stream</c> calls
/// over HTTP/2 with mutual TLS. It moves opaque frames only; handshakes and signatures are the engine's.
/// </summary>
public sealed partial class GrpcTransport : ITransport
{
    private readonly GrpcTransportOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ReadOnlyMemory<byte> _localCertificateHash;
    private readonly ConcurrentDictionary<long, GrpcConnection> _connections = new();
    private readonly RpcServer _server;
    private readonly SemaphoreSlim _dialTurns;
    private Action<ITransportConnection>? _acceptor;
    private int _disposed;

    private GrpcTransport(GrpcTransportOptions options, ILoggerFactory loggerFactory)
    {
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<GrpcTransport>();
        _dialTurns = new SemaphoreSlim(options.MaxConcurrentDials, options.MaxConcurrentDials);
        _localCertificateHash = SHA256.HashData(options.Certificate!.RawData);
        var services = new RpcServiceRegistry().AddDuplexStreaming(GossipStreamMethod.Stream, ServeStreamAsync);
        options.AdditionalServices?.Invoke(services);
        _server = new RpcServer(services, new RpcServerOptions
        {
            EndPoint = options.ListenEndPoint,
            Tls = new RpcServerTlsOptions
            {
                ServerCertificate = options.Certificate,
                RequireClientCertificate = true,
                ClientCertificateValidator = options.PeerCertificateValidator,
            },
            MaxReceiveMessageSize = options.MaxFrameBytes,
            MaxSendMessageSize = options.MaxFrameBytes,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            TimeProvider = options.TimeProvider,
        }, loggerFactory);
    }

    /// <inheritdoc />
    public string ListenEndpoint { get; private set; } = string.Empty;

    /// <summary>Open connections, inbound and outbound.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Binds the peer port. Incoming streams are refused with UNAVAILABLE until <see cref="Start"/>.</summary>
    public static async Task<GrpcTransport> BindAsync(GrpcTransportOptions options, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var transport = new GrpcTransport(options, loggerFactory ?? NullLoggerFactory.Instance);
        await transport._server.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = transport._server.LocalEndPoint;
        transport.ListenEndpoint = options.AdvertisedEndpoint
            ?? string.Create(CultureInfo.InvariantCulture, $"{(bound.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{bound.Address}]" : bound.Address.ToString())}:{bound.Port}");
        transport.LogListening(transport.ListenEndpoint);
        return transport;
    }

    /// <inheritdoc />
    public void Start(Action<ITransportConnection> acceptor)
    {
        ArgumentNullException.ThrowIfNull(acceptor);
        if (Interlocked.CompareExchange(ref _acceptor, acceptor, null) is not null)
        {
            throw new InvalidOperationException("The transport has already been started.");
        }
    }

    /// <inheritdoc />
    public ITransportConnection Connect(string endpoint) => Connect(endpoint, TimeSpan.Zero);

    /// <inheritdoc />
    public ITransportConnection Connect(string endpoint, TimeSpan startAfter)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        var connection = new OutboundConnection(endpoint, _options, _localCertificateHash, _dialTurns, startAfter, Forget, _loggerFactory.CreateLogger<OutboundConnection>());
        _connections[connection.Id] = connection;
        if (Volatile.Read(ref _disposed) != 0)
        {
            connection.AbortNow("transport disposed");
        }

        return connection;
    }

    /// <summary>Closes every connection (peers see the close), then stops the peer port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var connection in _connections.Values)
        {
            connection.Close("transport disposed");
        }

        using var stopTimeout = new CancellationTokenSource(_options.CloseTimeout, _options.TimeProvider);
        try
        {
            await _server.StopAsync(stopTimeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogStopTimedOut(_options.CloseTimeout.TotalSeconds);
        }

        var finishing = new List<Task>();
        foreach (var connection in _connections.Values)
        {
            connection.AbortNow("transport disposed");
            if (connection is OutboundConnection outbound)
            {
                finishing.Add(outbound.Finished);
            }
        }

        try
        {
            await Task.WhenAll(finishing).WaitAsync(_options.CloseTimeout, _options.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogStopTimedOut(_options.CloseTimeout.TotalSeconds);
        }

        await _server.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ServeStreamAsync(IAsyncStreamReader<ReadOnlyMemory<byte>> requests, IAsyncStreamWriter<ReadOnlyMemory<byte>> responses, ServerCallContext context)
    {
        var acceptor = Volatile.Read(ref _acceptor);
        if (acceptor is null || Volatile.Read(ref _disposed) != 0)
        {
            throw new RpcException(StatusCode.Unavailable, "This node is not accepting gossip connections.");
        }

        // Headers go out first so the dialler learns at once that its stream was accepted.
        await context.WriteResponseHeadersAsync(context.CancellationToken).ConfigureAwait(false);
        var connection = new InboundConnection(context, _options, _localCertificateHash, _loggerFactory.CreateLogger<InboundConnection>());
        _connections[connection.Id] = connection;
        try
        {
            LogAccepted(connection.Id, connection.RemoteAddress);
            try
            {
                acceptor(connection);
            }
            catch (Exception ex)
            {
                LogAcceptorFailed(connection.Id, ex);
                connection.Close("acceptor failed");
            }

            await connection.RunAsync(requests, responses, context.CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            connection.Release();
            Forget(connection);
        }
    }

    private void Forget(GrpcConnection connection) => _connections.TryRemove(connection.Id, out _);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Gossip transport listening on {Endpoint}")]
    private partial void LogListening(string endpoint);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Accepted gossip connection {Id} from {Remote}")]
    private partial void LogAccepted(long id, string remote);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "Acceptor threw for gossip connection {Id}; closing it")]
    private partial void LogAcceptorFailed(long id, Exception exception);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Gossip transport did not stop within {Seconds} s; resetting the remaining streams")]
    private partial void LogStopTimedOut(double seconds);
}
