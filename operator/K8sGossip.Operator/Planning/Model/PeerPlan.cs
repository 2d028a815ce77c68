namespace K8sGossip.Operator.Planning;

/// <summary>One peer: its names, endpoints, bootstrap list and files.</summary>
/// <param name="Name">The peer's name, <c>&lt;organization&gt;-&lt;ordinal&gt;</c> (also its pod name in a cluster).</param>
/// <param name="Organization">The Organization's name.</param>
/// <param name="MspId">The organization's MSP ID.</param>
/// <param name="Ordinal">The index of the peer in its organization.</param>
/// <param name="InternalEndpoint">The endpoint its own organization uses.</param>
/// <param name="External">Its external endpoint, or null when the organization has none.</param>
/// <param name="AdminEndpoint">The admin and health endpoint.</param>
/// <param name="LocalApiEndpoint">The application API endpoint (loopback only).</param>
/// <param name="DataDirectory">Where its ledger, keys and state live.</param>
/// <param name="Bootstrap">The internal endpoints of the other peers of its organization, by ordinal.</param>
public sealed record PeerPlan(
    string Name,
    string Organization,
    string MspId,
    int Ordinal,
    Endpoint InternalEndpoint,
    ExternalExposure? External,
    Endpoint AdminEndpoint,
    Endpoint LocalApiEndpoint,
    string DataDirectory,
    IReadOnlyList<Endpoint> Bootstrap);
