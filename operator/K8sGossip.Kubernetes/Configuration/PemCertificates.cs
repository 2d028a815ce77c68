using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace K8sGossip.Kubernetes.Configuration;

/// <summary>Loads CA bundles and client certificates (RSA or EC keys) from PEM text.</summary>
internal static class PemCertificates
{
    /// <summary>Reads every certificate of a PEM bundle; <paramref name="source"/> names it in errors.</summary>
    public static X509Certificate2Collection LoadBundle(string pem, string source)
    {
        var bundle = new X509Certificate2Collection();
        try
        {
            bundle.ImportFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            throw new KubeConfigException($"{source} is not a valid PEM certificate bundle: {ex.Message}", ex);
        }

        if (bundle.Count == 0)
        {
            throw new KubeConfigException($"{source} contains no PEM certificate.");
        }

        return bundle;
    }

    /// <summary>Pairs a PEM certificate with its PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC).</summary>
    public static X509Certificate2 LoadClientCertificate(string certificatePem, string keyPem, string source)
    {
        try
        {
            using var ephemeral = X509Certificate2.CreateFromPem(certificatePem, keyPem);

            // TLS stacks want a key they can use outside this object's lifetime; a PKCS#12 round trip gives one on every platform.
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException ex)
        {
            throw new KubeConfigException($"{source}: the client certificate and key cannot be loaded ({ex.Message}).", ex);
        }
        catch (ArgumentException ex)
        {
            throw new KubeConfigException($"{source}: the client certificate and key cannot be loaded ({ex.Message}).", ex);
        }
    }
}
