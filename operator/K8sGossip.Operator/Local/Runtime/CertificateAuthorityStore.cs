using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using K8sGossip.Gossip.Identity;

namespace K8sGossip.Operator.Local.Runtime;

/// <summary>An organization's CA on disk (<c>ca.crt</c> and <c>ca.key</c>): loaded when present, created once otherwise.</summary>
/// <remarks>The key is kept so a later run can issue credentials for peers added since; it never leaves the state directory.</remarks>
internal static class CertificateAuthorityStore
{
    /// <summary>The CA certificate's file in <paramref name="directory"/>.</summary>
    public static string CertificateFile(string directory) => Path.Combine(directory, "ca.crt");

    /// <summary>The CA key's file in <paramref name="directory"/>.</summary>
    public static string KeyFile(string directory) => Path.Combine(directory, "ca.key");

    /// <summary>Loads the CA of <paramref name="mspId"/> from <paramref name="directory"/>, or creates and stores it. <paramref name="created"/> says which.</summary>
    public static CertificateAuthority LoadOrCreate(string directory, string mspId, TimeProvider time, out bool created)
    {
        var certificateFile = CertificateFile(directory);
        var keyFile = KeyFile(directory);
        if (File.Exists(certificateFile) && File.Exists(keyFile))
        {
            try
            {
                var authority = CertificateAuthority.FromPem(mspId, File.ReadAllText(certificateFile), File.ReadAllText(keyFile), time);
                if (MatchesOrganization(authority.Certificate, mspId))
                {
                    created = false;
                    return authority;
                }

                authority.Dispose();
            }
            catch (CryptographicException)
            {
                // A damaged CA cannot issue; it is replaced below, and every credential it issued is reissued.
            }
        }

        var fresh = CertificateAuthority.Create(mspId, time);
        AtomicFile.WriteText(keyFile, fresh.ExportKeyPem(), secret: true);
        AtomicFile.WriteText(certificateFile, fresh.ExportCertificatePem());
        created = true;
        return fresh;
    }

    /// <summary>True when <paramref name="certificate"/> was signed by <paramref name="authority"/> and is valid now.</summary>
    public static bool IsIssuedBy(X509Certificate2 certificate, CertificateAuthority authority, TimeProvider time)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        return chain.Build(certificate);
    }

    private static bool MatchesOrganization(X509Certificate2 certificate, string mspId) =>
        certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Any(n => n.GetSingleElementType().Value == "2.5.4.10" && string.Equals(n.GetSingleElementValue(), mspId, StringComparison.Ordinal));
}
