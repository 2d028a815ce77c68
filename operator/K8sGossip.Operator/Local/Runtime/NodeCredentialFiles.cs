using System.Net;
using System.Security.Cryptography;
using K8sGossip.Gossip.Identity;

namespace K8sGossip.Operator.Local.Runtime;

/// <summary>A node's credentials in Fabric's MSP layout under its directory: <c>msp/signcerts</c>, <c>msp/keystore</c>,
/// <c>msp/cacerts</c>, and <c>tls/server.crt</c>, <c>tls/server.key</c>.</summary>
internal static class NodeCredentialFiles
{
    /// <summary>The signing certificate.</summary>
    public static string IdentityCertificate(string directory) => Path.Combine(directory, "msp", "signcerts", "cert.pem");

    /// <summary>The signing key.</summary>
    public static string IdentityKey(string directory) => Path.Combine(directory, "msp", "keystore", "key.pem");

    /// <summary>The organization's CA.</summary>
    public static string OrganizationCa(string directory) => Path.Combine(directory, "msp", "cacerts", "ca.pem");

    /// <summary>The ordering service's signing certificates, which verify block signatures.</summary>
    public static string Orderers(string directory) => Path.Combine(directory, "msp", "orderers", "orderer.pem");

    /// <summary>The TLS certificate.</summary>
    public static string TlsCertificate(string directory) => Path.Combine(directory, "tls", "server.crt");

    /// <summary>The TLS key.</summary>
    public static string TlsKey(string directory) => Path.Combine(directory, "tls", "server.key");

    /// <summary>Every CA of the network, for TLS.</summary>
    public static string TlsAuthorities(string directory) => Path.Combine(directory, "tls", "ca.crt");

    /// <summary>The credentials in <paramref name="directory"/> when they are complete, issued by <paramref name="authority"/> and valid;
    /// otherwise new ones, written crash-safe. <paramref name="issued"/> says which.</summary>
    public static PeerCredentials LoadOrIssue(string directory, string name, CertificateAuthority authority, IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> ipAddresses, TimeProvider time, out bool issued)
    {
        var existing = TryLoad(directory, authority, time);
        if (existing is not null)
        {
            issued = false;
            return existing;
        }

        var credentials = authority.IssuePeer(name, dnsNames, ipAddresses);

        // Keys first: a crash between the two leaves a key without its certificate, which the next run replaces,
        // never a certificate whose key is lost.
        AtomicFile.WriteText(IdentityKey(directory), credentials.ExportIdentityKeyPem(), secret: true);
        AtomicFile.WriteText(TlsKey(directory), credentials.ExportTlsKeyPem(), secret: true);
        AtomicFile.WriteText(TlsCertificate(directory), credentials.ExportTlsCertificatePem());
        AtomicFile.WriteText(IdentityCertificate(directory), credentials.ExportIdentityCertificatePem());
        issued = true;
        return credentials;
    }

    private static PeerCredentials? TryLoad(string directory, CertificateAuthority authority, TimeProvider time)
    {
        string[] files = [IdentityCertificate(directory), IdentityKey(directory), TlsCertificate(directory), TlsKey(directory)];
        if (!files.All(File.Exists))
        {
            return null;
        }

        try
        {
            var credentials = PeerCredentials.FromPem(authority.MspId, File.ReadAllText(files[0]), File.ReadAllText(files[1]), File.ReadAllText(files[2]), File.ReadAllText(files[3]));
            if (CertificateAuthorityStore.IsIssuedBy(credentials.IdentityCertificate, authority, time)
                && CertificateAuthorityStore.IsIssuedBy(credentials.TlsCertificate, authority, time))
            {
                return credentials;
            }

            credentials.IdentityCertificate.Dispose();
            credentials.TlsCertificate.Dispose();
            return null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
