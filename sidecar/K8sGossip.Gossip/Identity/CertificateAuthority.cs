using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace K8sGossip.Gossip.Identity;

/// <summary>
/// An organization's certificate authority: a self-signed ECDSA P-256 CA whose subject records the MSP ID
/// (O=&lt;mspId&gt;), able to issue peer credentials (an identity certificate for signing and a TLS certificate).
/// </summary>
/// <remarks>Used by tests, the local network and the operator to mint PKI; peers only need the CA certificate
/// (see <see cref="TrustBundle"/>). Validity periods come from the injected <see cref="TimeProvider"/>.</remarks>
public sealed class CertificateAuthority : IDisposable
{
    private readonly ECDsa? _key;
    private readonly TimeProvider _time;
    private readonly bool _reproducible;

    private CertificateAuthority(string mspId, X509Certificate2 certificate, ECDsa? key, TimeProvider time, bool reproducible = false)
    {
        MspId = mspId;
        Certificate = certificate;
        _key = key;
        _time = time;
        _reproducible = reproducible;
    }

    /// <summary>The organization (MSP ID) this CA vouches for.</summary>
    public string MspId { get; }

    /// <summary>The CA certificate (with its private key when this instance can issue).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>True when the private key is loaded, so certificates can be issued.</summary>
    public bool CanIssue => _key is not null;

    /// <summary>Creates a new self-signed CA for <paramref name="mspId"/>, valid from now (minus a minute of skew)
    /// for <paramref name="validity"/> (default ten years).</summary>
    public static CertificateAuthority Create(string mspId, TimeProvider time, TimeSpan? validity = null) =>
        CreateCore(mspId, time, validity, reproducible: false);

    /// <summary>Creates a CA whose keys, serial numbers and signatures derive from the MSP ID and the common names it
    /// issues, so that with the same clock every process gets byte-identical certificates and PKI-IDs: seeded simulations
    /// and tests then replay exactly. Its private keys are public knowledge; never use it for a real network.</summary>
    public static CertificateAuthority CreateReproducible(string mspId, TimeProvider time, TimeSpan? validity = null) =>
        CreateCore(mspId, time, validity, reproducible: true);

    private static CertificateAuthority CreateCore(string mspId, TimeProvider time, TimeSpan? validity, bool reproducible)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mspId);
        ArgumentNullException.ThrowIfNull(time);
        var key = reproducible ? ReproducibleEcdsa.Key("ca/" + mspId) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName(mspId);
        subject.AddCommonName("ca." + mspId);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        var notBefore = now.AddMinutes(-1);
        var notAfter = now + (validity ?? TimeSpan.FromDays(3650));
        if (!reproducible)
        {
            return new CertificateAuthority(mspId, request.CreateSelfSigned(notBefore, notAfter), key, time);
        }

        using var unkeyed = request.Create(request.SubjectName, ReproducibleEcdsa.For(key), notBefore, notAfter, ReproducibleEcdsa.Serial("ca/" + mspId));
        return new CertificateAuthority(mspId, unkeyed.CopyWithPrivateKey(key), key, time, reproducible: true);
    }

    /// <summary>Loads a CA from PEM. Without <paramref name="keyPem"/> the CA can only be trusted, not issue.</summary>
    public static CertificateAuthority FromPem(string mspId, string certificatePem, string? keyPem, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mspId);
        ArgumentNullException.ThrowIfNull(time);
        var certificate = X509Certificate2.CreateFromPem(certificatePem);
        ECDsa? key = null;
        if (keyPem is not null)
        {
            key = ECDsa.Create();
            key.ImportFromPem(keyPem);
        }

        return new CertificateAuthority(mspId, certificate, key, time);
    }

    /// <summary>The CA certificate as PEM.</summary>
    public string ExportCertificatePem() => Certificate.ExportCertificatePem();

    /// <summary>The CA private key as PKCS#8 PEM.</summary>
    public string ExportKeyPem() =>
        (_key ?? throw new InvalidOperationException($"The CA of {MspId} was loaded without its private key.")).ExportPkcs8PrivateKeyPem();

    /// <summary>Issues a peer's identity certificate (signing) and TLS certificate (server and client
    /// authentication) with the given DNS names and IP addresses as subject alternative names.</summary>
    public PeerCredentials IssuePeer(string commonName, IEnumerable<string>? dnsNames = null, IEnumerable<IPAddress>? ipAddresses = null, TimeSpan? validity = null, DateTimeOffset? notBefore = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        var start = notBefore ?? _time.GetUtcNow().AddMinutes(-1);
        var end = start + (validity ?? TimeSpan.FromDays(365));
        var identity = Issue(commonName, start, end, tls: false, [], []);
        var tls = Issue(commonName, start, end, tls: true, dnsNames ?? [], ipAddresses ?? []);
        return new PeerCredentials(MspId, identity, tls);
    }

    private X509Certificate2 Issue(string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter, bool tls, IEnumerable<string> dnsNames, IEnumerable<IPAddress> ipAddresses)
    {
        var issuerKey = _key ?? throw new InvalidOperationException($"The CA of {MspId} was loaded without its private key.");
        var label = $"{MspId}/{commonName}/{(tls ? "tls" : "identity")}";
        using var key = _reproducible ? ReproducibleEcdsa.Key(label) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName(MspId);
        subject.AddCommonName(commonName);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            tls ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement : X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        if (tls)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
            var san = new SubjectAlternativeNameBuilder();
            var any = false;
            foreach (var dns in dnsNames)
            {
                san.AddDnsName(dns);
                any = true;
            }

            foreach (var ip in ipAddresses)
            {
                san.AddIpAddress(ip);
                any = true;
            }

            if (any)
            {
                request.CertificateExtensions.Add(san.Build());
            }
        }

        var caStart = new DateTimeOffset(Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        if (notBefore < caStart)
        {
            notBefore = caStart; // a certificate cannot be valid before its issuer
        }

        var caEnd = new DateTimeOffset(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        if (notAfter > caEnd)
        {
            notAfter = caEnd;
        }

        if (_reproducible)
        {
            using var unkeyed = request.Create(Certificate.SubjectName, ReproducibleEcdsa.For(issuerKey), notBefore, notAfter, ReproducibleEcdsa.Serial(label));
            return unkeyed.CopyWithPrivateKey(key);
        }

        var serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F; // a positive serial number
        using var issuer = Certificate.HasPrivateKey ? null : Certificate.CopyWithPrivateKey(issuerKey);
        using var issued = request.Create(issuer ?? Certificate, notBefore, notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _key?.Dispose();
        Certificate.Dispose();
    }
}
