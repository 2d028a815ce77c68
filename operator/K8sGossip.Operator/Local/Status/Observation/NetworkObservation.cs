namespace K8sGossip.Operator.Local.Status;

/// <summary>What one polling round read from the network, before any interpretation.</summary>
/// <param name="At">When the round ended.</param>
/// <param name="Orderer">What the orderer's admin endpoint answered.</param>
/// <param name="Peers">What each peer's local API answered, by peer name; a peer missing here counts as not answering.</param>
/// <param name="Processes">What the local network knows of each node's process, by node name; a node missing here is unknown.</param>
internal sealed record NetworkObservation(
    DateTimeOffset At,
    OrdererReading Orderer,
    IReadOnlyDictionary<string, PeerReading> Peers,
    IReadOnlyDictionary<string, NodeProcessInfo> Processes);
