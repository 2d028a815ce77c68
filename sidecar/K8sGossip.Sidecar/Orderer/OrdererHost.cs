using System.Net;
using K8sGossip.Gossip.Identity;
using K8sGossip.Rpc.Server;
using K8sGossip.Sidecar.Deliver;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Sidecar.Orderer;

/// <summary>The orderer role on the network: a mutual-TLS RPC server with <c>Broadcast.Submit</c> and
/// <c>Deliver.Blocks</c> over a <see cref="SoloOrderer"/>. Any member of a trusted organization may submit and read.</summary>
public sealed class OrdererHost : IAsyncDisposable
{
    private readonly RpcServer _server;

    private OrdererHost(RpcServer server, SoloOrderer orderer, DeliverService deliver)
    {
        _server = server;
        Orderer = orderer;
        Deliver = deliver;
    }

    /// <summary>The ordering service (owned by the caller).</summary>
    public SoloOrderer Orderer { get; }

    /// <summary>The Deliver service (its counters say what was served and refused).</summary>
    public DeliverService Deliver { get; }

    /// <summary>The bound endpoint.</summary>
    public IPEndPoint EndPoint => _server.LocalEndPoint;

    /// <summary>The https address clients dial.</summary>
    public Uri Address => new($"https://{EndPoint}");

    /// <summary>Serves <paramref name="orderer"/> to the members of the organizations in <paramref name="trust"/>.</summary>
    public static async Task<OrdererHost> StartAsync(SoloOrderer orderer, TrustBundle trust, DeliverHostOptions options, TimeProvider time, ILoggerFactory? loggers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(orderer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var members = DeliverAuthorizers.AnyOrganizationMember(trust);
        var deliver = new DeliverService(orderer.FindLedger, members, time, loggers?.CreateLogger<DeliverService>());
        var registry = orderer.Register(deliver.Register(new RpcServiceRegistry()), members);
        var server = new RpcServer(registry, PeerDeliverHost.CreateServerOptions(options, time), loggers);
        try
        {
            await server.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new OrdererHost(server, orderer, deliver);
    }

    /// <summary>Stops serving; the orderer itself is disposed by its owner.</summary>
    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
