using System.Net;
using System.Net.Sockets;
using K8sGossip.Operator.Local.Status;
using K8sGossip.Operator.Planning;
using K8sGossip.Operator.Tests.Support;

namespace K8sGossip.Operator.Tests.Local.Status;

/// <summary>
/// The one-org example (peers acme-0..2 in channel ledger) with each peer's local API and the orderer's admin port on
/// in-process fakes on 127.0.0.1; a node without a fake points at a port nothing listens on.
/// </summary>
internal sealed class FakeNetwork : IAsyncDisposable
{
    public const string Channel = "ledger";

    private FakeNetwork(NetworkPlan plan, Dictionary<string, FakeLocalApi> peers, FakeOrdererAdmin? orderer)
    {
        Plan = plan;
        Peers = peers;
        Orderer = orderer;
    }

    public NetworkPlan Plan { get; }

    public Dictionary<string, FakeLocalApi> Peers { get; }

    public FakeOrdererAdmin? Orderer { get; }

    public FakeProcesses Processes { get; } = new();

    public static async Task<FakeNetwork> StartAsync(IReadOnlyCollection<string> answering, bool ordererAnswers = true)
    {
        var plan = ExamplePlans.Local("one-org");
        var peers = new Dictionary<string, FakeLocalApi>(StringComparer.Ordinal);
        foreach (var name in answering)
        {
            peers[name] = await FakeLocalApi.StartAsync(name, [Channel]);
        }

        var orderer = ordererAnswers ? await FakeOrdererAdmin.StartAsync() : null;
        var organization = plan.Organizations.Single();
        var rewired = organization.Peers
            .Select(p => p with { LocalApiEndpoint = new Endpoint(LocalTarget.Host, peers.TryGetValue(p.Name, out var fake) ? fake.Port : UnusedPort()) })
            .ToArray();
        plan = plan with
        {
            Organizations = [organization with { Peers = rewired }],
            Orderer = plan.Orderer! with { AdminEndpoint = new Endpoint(LocalTarget.Host, orderer?.Port ?? UnusedPort()) },
        };
        return new FakeNetwork(plan, peers, orderer);
    }

    /// <summary>Stops a peer's fake (its process died).</summary>
    public async Task StopAsync(string peer)
    {
        await Peers[peer].DisposeAsync();
    }

    /// <summary>Starts a new fake for a peer on the port its plan names (its process was restarted).</summary>
    public async Task<FakeLocalApi> RestartAsync(string peer)
    {
        var port = Plan.Peers.Single(p => p.Name == peer).LocalApiEndpoint.Port;
        var fake = await FakeLocalApi.StartAsync(peer, [Channel], port);
        Peers[peer] = fake;
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var peer in Peers.Values)
        {
            await peer.DisposeAsync();
        }

        if (Orderer is not null)
        {
            await Orderer.DisposeAsync();
        }
    }

    /// <summary>A loopback port nothing listens on (it was free a moment ago).</summary>
    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
