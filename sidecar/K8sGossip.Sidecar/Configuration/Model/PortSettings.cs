namespace K8sGossip.Sidecar.Configuration.Model;

/// <summary>Listening ports (<c>k8sgossip.ports.*</c>).</summary>
/// <param name="Peer">Peer services (mutual TLS).</param>
/// <param name="Admin">Health and metrics.</param>
/// <param name="LocalApi">The application API, on localhost only.</param>
public sealed record PortSettings(int Peer, int Admin, int LocalApi);
