using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Membership;

/// <summary>One SWIM probe in progress: our own (direct, then indirect) or one we run for another peer.</summary>
internal sealed class ProbeRound(ulong id, PkiId target)
{
    public ulong Id { get; } = id;

    public PkiId Target { get; } = target;

    /// <summary>The incarnation and sequence of the target when the probe started; a failure accuses exactly that alive.</summary>
    public ulong TargetIncarnation { get; init; }

    public ulong TargetSequence { get; init; }

    /// <summary>Set when we probe for another peer: who asked, and the id it used.</summary>
    public PkiId Requester { get; init; }

    public ulong RequesterProbeId { get; init; }

    public bool OnBehalf => !Requester.IsEmpty;

    public bool Done { get; set; }

    /// <summary>The probe went out while no connection to the target existed: its timeout runs from the moment the
    /// connection is authenticated (or the dial allowance ends), so a TLS handshake on a busy node is not a lost ack.</summary>
    public bool AwaitingConnection { get; set; }

    /// <summary>The direct phase ended with the connection still being set up: the silence may be our own congestion.</summary>
    public bool DirectNeverConnected { get; set; }

    public int NacksExpected { get; set; }

    public int NacksReceived { get; set; }

    public IDisposable? Timer { get; set; }
}
