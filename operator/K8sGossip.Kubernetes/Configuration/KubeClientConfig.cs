using System.Security.Cryptography.X509Certificates;

namespace K8sGossip.Kubernetes.Configuration;

/// <summary>Resolved connection settings: where the API is, how to trust it, and how to authenticate.</summary>
public sealed record KubeClientConfig
{
    /// <summary>The API server's base address, for example <c>https://10.0.0.1:443</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>Roots that sign the server's certificate; the system store is used when empty.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>A client certificate with its private key, for certificate authentication.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>The bearer token source, for token authentication.</summary>
    public IKubeTokenSource? Token { get; init; }

    /// <summary>The namespace to use when a call does not name one.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Skip server certificate checks; only set when the caller explicitly allowed it.</summary>
    public bool InsecureSkipTlsVerify { get; init; }
}
