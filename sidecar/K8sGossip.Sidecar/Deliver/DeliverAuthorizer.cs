using System.Security.Cryptography.X509Certificates;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>Decides whether the caller presenting <paramref name="clientCertificate"/> (null without TLS client
/// authentication) may read the blocks of <paramref name="channel"/>.</summary>
public delegate bool DeliverAuthorizer(X509Certificate2? clientCertificate, string channel);
