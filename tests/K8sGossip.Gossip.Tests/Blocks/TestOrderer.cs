using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Tests.Blocks;

/// <summary>An orderer identity with a real ECDSA P-256 key and self-issued certificate, signing as ISigner promises.</summary>
internal sealed class TestOrderer : ISigner, IDisposable
{
    private readonly ECDsa _key;

    public TestOrderer(string mspId = "OrdererMSP", string name = "orderer0")
    {
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O={mspId}", _key, HashAlgorithmName.SHA256);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var certificate = request.CreateSelfSigned(start, start.AddYears(5));
        Identity = new PeerIdentity(PkiId.Compute(mspId, certificate.RawData), mspId, certificate);
    }

    public PeerIdentity Identity { get; }

    public byte[] Sign(ReadOnlySpan<byte> data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose()
    {
        _key.Dispose();
        Identity.Certificate.Dispose();
    }
}
