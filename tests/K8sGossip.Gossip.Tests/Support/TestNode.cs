using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Membership;
using K8sGossip.Gossip.Simulation;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Gossip.Tests.Support;

/// <summary>One node of a <see cref="GossipTestBed"/>: its identity, transport, comm layer and (when started) membership.</summary>
public sealed class TestNode
{
    internal TestNode(GossipTestBed bed, string mspId, int index, string endpoint, string? externalEndpoint, PeerCredentials credentials, SimulatedTransport transport, int seed)
    {
        Bed = bed;
        MspId = mspId;
        Index = index;
        Endpoint = endpoint;
        ExternalEndpoint = externalEndpoint;
        Credentials = credentials;
        Transport = transport;
        Context = new NodeContext(bed.Time, new Random(seed), bed.LoggerFactory);
        Identities = new IdentityStore(bed.Bundle, bed.Time);
        Signer = credentials.CreateSigner();
        Counters = new NodeCounters();
        Comm = new GossipComm(Context, transport, Signer, Identities, bed.CommOptions, Counters, bed.LoggerFactory.CreateLogger<GossipComm>());
    }

    /// <summary>The bed the node lives on.</summary>
    public GossipTestBed Bed { get; }

    /// <summary>Its organization.</summary>
    public string MspId { get; }

    /// <summary>Its number within the organization.</summary>
    public int Index { get; }

    /// <summary>Its internal (listen) endpoint.</summary>
    public string Endpoint { get; }

    /// <summary>Its external endpoint (an alias of the listen endpoint), or null when it has none.</summary>
    public string? ExternalEndpoint { get; }

    /// <summary>Its credentials.</summary>
    public PeerCredentials Credentials { get; }

    /// <summary>Its PKI-ID.</summary>
    public PkiId PkiId => Signer.Identity.PkiId;

    /// <summary>The current instance's transport.</summary>
    public SimulatedTransport Transport { get; private set; }

    /// <summary>The current instance's context.</summary>
    public NodeContext Context { get; private set; }

    /// <summary>The current instance's identity store.</summary>
    public IdentityStore Identities { get; private set; }

    /// <summary>Its signer.</summary>
    public LocalSigner Signer { get; }

    /// <summary>The current instance's counters.</summary>
    public NodeCounters Counters { get; private set; }

    /// <summary>The current instance's comm layer.</summary>
    public GossipComm Comm { get; private set; }

    /// <summary>The current instance's membership, once <see cref="StartMembership"/> ran.</summary>
    public MembershipService? Membership { get; private set; }

    /// <summary>Membership of the node, which must have been started.</summary>
    public MembershipService View => Membership ?? throw new InvalidOperationException($"Membership of {Endpoint} is not started.");

    /// <summary>False after <see cref="Crash"/> until <see cref="Restart"/>.</summary>
    public bool IsUp { get; private set; } = true;

    /// <summary>Starts comm (accepting connections).</summary>
    public void StartComm() => Comm.Start();

    /// <summary>Starts comm and membership with <paramref name="options"/> (default: the bed's membership options).</summary>
    public MembershipService StartMembership(MembershipOptions? options = null)
    {
        Comm.Start();
        var membershipOptions = options ?? Bed.MembershipOptionsFor(this);
        Membership = new MembershipService(Context, Comm, Signer, Identities, membershipOptions, Bed.Topology, Counters, Bed.LoggerFactory.CreateLogger<MembershipService>());
        Membership.Start();
        return Membership;
    }

    /// <summary>Silent crash: the network drops the instance and its timers stop.</summary>
    public void Crash()
    {
        Bed.Network.Crash(Endpoint);
        Membership?.Stop();
        Comm.Stop();
        IsUp = false;
    }

    /// <summary>A new instance with the same identity (a pod restart): fresh transport, comm, store and counters,
    /// and a new membership incarnation.</summary>
    public MembershipService Restart(MembershipOptions? options = null)
    {
        if (IsUp)
        {
            Crash();
        }

        Transport = Bed.Network.Restart(Endpoint, Credentials.TlsCertificateHash);
        Context = new NodeContext(Bed.Time, new Random(Bed.NextSeed()), Bed.LoggerFactory);
        Identities = new IdentityStore(Bed.Bundle, Bed.Time);
        Counters = new NodeCounters();
        Comm = new GossipComm(Context, Transport, Signer, Identities, Bed.CommOptions, Counters, Bed.LoggerFactory.CreateLogger<GossipComm>());
        IsUp = true;
        return StartMembership(options);
    }

    /// <inheritdoc />
    public override string ToString() => Endpoint;
}
