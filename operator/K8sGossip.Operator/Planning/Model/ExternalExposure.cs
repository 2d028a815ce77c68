using K8sGossip.Operator.Crds;

namespace K8sGossip.Operator.Planning;

/// <summary>How a peer is reachable from other organizations.</summary>
/// <param name="Type">The exposure the organization asked for.</param>
/// <param name="Endpoint">The external endpoint when known at planning time; null while a Service's address is pending.</param>
/// <param name="ServiceName">The per-peer Service (LoadBalancer or NodePort) in a cluster; null otherwise.</param>
public sealed record ExternalExposure(ExternalEndpointType Type, Endpoint? Endpoint, string? ServiceName);
