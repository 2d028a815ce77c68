using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace K8sGossip.Kubernetes.Tests.Infrastructure;

/// <summary>Generates PEM certificates and keys for configuration tests.</summary>
public static class TestCertificates
{
    public static (string CertificatePem, string KeyPem) SelfSignedRsa(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return (certificate.ExportCertificatePem(), key.ExportRSAPrivateKeyPem());
    }

    public static (string CertificatePem, string KeyPem) SelfSignedEc(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return (certificate.ExportCertificatePem(), key.ExportECPrivateKeyPem());
    }

    public static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
}
