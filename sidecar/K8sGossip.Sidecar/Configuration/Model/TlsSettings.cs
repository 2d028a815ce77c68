namespace K8sGossip.Sidecar.Configuration.Model;

/// <summary>Mutual TLS files (<c>peer.tls.*</c>), as absolute paths.</summary>
/// <param name="CertFile">The peer's TLS certificate.</param>
/// <param name="KeyFile">Its private key.</param>
/// <param name="RootCertFile">CA certificates that verify servers this peer connects to.</param>
/// <param name="ClientRootCaFiles">CA certificates that verify clients connecting to this peer.</param>
public sealed record TlsSettings(string CertFile, string KeyFile, string RootCertFile, IReadOnlyList<string> ClientRootCaFiles);
