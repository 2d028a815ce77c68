using System.Security.Cryptography.X509Certificates;
using K8sGossip.Rpc.Security;

namespace K8sGossip.Rpc.Server;

/// <summary>TLS for an RPC server: its certificate and, for mutual TLS, how client certificates are judged.</summary>
public sealed class RpcServerTlsOptions
{
    /// <summary>The server certificate, with its private key.</summary>
    public X509Certificate2? ServerCertificate { get; set; }

    /// <summary>When true, a client without a certificate the validator accepts cannot complete the handshake.</summary>
    public bool RequireClientCertificate { get; set; }

    /// <summary>Decides whether a client certificate is trusted (for example <see cref="CertificateTrust.ChainsToAny"/>).</summary>
    public PeerCertificateValidator? ClientCertificateValidator { get; set; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (ServerCertificate is null)
        {
            throw new ArgumentException("RpcServerOptions.Tls.ServerCertificate must be set when TLS is enabled.");
        }

        if (!ServerCertificate.HasPrivateKey)
        {
            throw new ArgumentException("RpcServerOptions.Tls.ServerCertificate must include its private key.");
        }

        if (RequireClientCertificate && ClientCertificateValidator is null)
        {
            throw new ArgumentException("RpcServerOptions.Tls.ClientCertificateValidator must be set when RequireClientCertificate is true: the server cannot decide which client certificates to trust.");
        }
    }
}
