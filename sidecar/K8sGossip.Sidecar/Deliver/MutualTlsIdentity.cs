using System.Security.Cryptography.X509Certificates;
using K8sGossip.Gossip.Identity;
using K8sGossip.Rpc.Client;
using K8sGossip.Rpc.Security;
using K8sGossip.Rpc.Server;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>A node's side of mutual TLS for Deliver and Broadcast: its TLS certificate (with key) and the organization
/// CAs it trusts, in both directions.</summary>
public sealed class MutualTlsIdentity
{
    /// <summary>Creates an identity from a TLS certificate with its private key and the trusted CA certificates.</summary>
    public MutualTlsIdentity(X509Certificate2 certificate, IReadOnlyCollection<X509Certificate2> trustedAuthorities)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(trustedAuthorities);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The TLS certificate must include its private key.", nameof(certificate));
        }

        if (trustedAuthorities.Count == 0)
        {
            throw new ArgumentException("At least one trusted CA certificate is required.", nameof(trustedAuthorities));
        }

        Certificate = certificate;
        TrustedAuthorities = [.. trustedAuthorities];
        Validator = CertificateTrust.ChainsToAny(TrustedAuthorities);
    }

    /// <summary>The TLS certificate, presented as server and as client.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificates a peer's TLS certificate must chain to.</summary>
    public IReadOnlyList<X509Certificate2> TrustedAuthorities { get; }

    /// <summary>The trust decision for the other side's certificate.</summary>
    public PeerCertificateValidator Validator { get; }

    /// <summary>The identity of a node holding <paramref name="credentials"/> and trusting every CA of <paramref name="trust"/>.</summary>
    public static MutualTlsIdentity From(PeerCredentials credentials, TrustBundle trust)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(trust);
        var authorities = new List<X509Certificate2>();
        foreach (var org in trust.Organizations)
        {
            if (trust.TryGetAuthorities(org, out var cas))
            {
                authorities.AddRange(cas);
            }
        }

        return new MutualTlsIdentity(credentials.TlsCertificate, authorities);
    }

    /// <summary>Server TLS settings: a client certificate is required and must chain to a trusted CA.</summary>
    public RpcServerTlsOptions ServerOptions() => new()
    {
        ServerCertificate = Certificate,
        RequireClientCertificate = true,
        ClientCertificateValidator = Validator,
    };

    /// <summary>Client channel settings: present the certificate, trust only servers that chain to a trusted CA.</summary>
    public RpcChannelOptions ChannelOptions(int maxReceiveMessageBytes, TimeProvider time) => new()
    {
        ClientCertificate = Certificate,
        ServerCertificateValidator = Validator,
        MaxReceiveMessageSize = maxReceiveMessageBytes,
        TimeProvider = time,
    };
}
