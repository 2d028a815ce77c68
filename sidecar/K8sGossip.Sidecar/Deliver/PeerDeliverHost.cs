using System.Net;
using K8sGossip.Rpc.Server;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>A peer's Deliver endpoint on its own mutual-TLS RPC server: serves the peer's committed blocks to callers
/// the authorizer admits (members of the channel's organizations), for catch-up and adaptive dissemination.</summary>
public sealed class PeerDeliverHost : IAsyncDisposable
{
    private readonly RpcServer _server;

    private PeerDeliverHost(RpcServer server, DeliverService service)
    {
        _server = server;
        Service = service;
    }

    /// <summary>The Deliver service (its counters say what was served and refused).</summary>
    public DeliverService Service { get; }

    /// <summary>The bound endpoint.</summary>
    public IPEndPoint EndPoint => _server.LocalEndPoint;

    /// <summary>The https address clients dial.</summary>
    public Uri Address => new($"https://{EndPoint}");

    /// <summary>Starts serving the ledgers <paramref name="ledgers"/> finds.</summary>
    public static async Task<PeerDeliverHost> StartAsync(
        Func<string, IDeliverLedger?> ledgers,
        DeliverAuthorizer authorizer,
        DeliverHostOptions options,
        TimeProvider time,
        ILoggerFactory? loggers,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var service = new DeliverService(ledgers, authorizer, time, loggers?.CreateLogger<DeliverService>());
        var registry = service.Register(new RpcServiceRegistry());
        var server = new RpcServer(registry, CreateServerOptions(options, time), loggers);
        try
        {
            await server.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new PeerDeliverHost(server, service);
    }

    /// <summary>The RPC server settings of a Deliver host.</summary>
    internal static RpcServerOptions CreateServerOptions(DeliverHostOptions options, TimeProvider time) => new()
    {
        EndPoint = options.EndPoint,
        Tls = options.Tls!.ServerOptions(),
        MaxReceiveMessageSize = options.MaxMessageBytes,
        MaxSendMessageSize = options.MaxMessageBytes,
        MaxConcurrentStreams = options.MaxConcurrentStreams,
        TimeProvider = time,
    };

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
