using System.Net;
using System.Security.Cryptography.X509Certificates;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Simulation;
using K8sGossip.Gossip.Tests.Support;

namespace K8sGossip.Gossip.Tests.Identity;

public sealed class CertificateAuthorityTests
{
    [Fact]
    public void Issued_credentials_chain_to_the_org_ca_and_name_the_expected_pki_id()
    {
        var time = new VirtualTimeProvider(TestPki.Epoch);
        using var ca = CertificateAuthority.Create("OrgAMSP", time);
        var credentials = ca.IssuePeer("peer0.orga", ["peer0.orga.svc", "peer0.orga.example.com"], [IPAddress.Loopback]);
        var store = new IdentityStore(TrustBundle.From(ca), time);

        var result = store.TryLearn("OrgAMSP", credentials.IdentityCertificate.RawData, null, out var identity);

        Assert.Equal(IdentityRejection.None, result);
        Assert.Equal(PkiId.Compute("OrgAMSP", credentials.IdentityCertificate.RawData), identity!.PkiId);
        Assert.Equal(credentials.PkiId, identity.PkiId);
        Assert.Contains("O=OrgAMSP", ca.Certificate.Subject, StringComparison.Ordinal);
        Assert.True(ca.Certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        var eku = credentials.TlsCertificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages;
        Assert.Contains(eku.Cast<System.Security.Cryptography.Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");
        Assert.Contains(eku.Cast<System.Security.Cryptography.Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.2");
        var san = credentials.TlsCertificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("peer0.orga.example.com", san.EnumerateDnsNames());
        Assert.Contains(IPAddress.Loopback, san.EnumerateIPAddresses());
        Assert.Equal(TestPki.Epoch.AddMinutes(-1), new DateTimeOffset(credentials.IdentityCertificate.NotBefore.ToUniversalTime()));
    }

    [Fact]
    public void Pem_round_trip_keeps_the_ca_able_to_issue_and_the_credentials_able_to_sign()
    {
        var time = new VirtualTimeProvider(TestPki.Epoch);
        using var original = CertificateAuthority.Create("OrgBMSP", time);
        using var reloaded = CertificateAuthority.FromPem("OrgBMSP", original.ExportCertificatePem(), original.ExportKeyPem(), time);
        var issued = reloaded.IssuePeer("peer1.orgb");
        var copy = PeerCredentials.FromPem("OrgBMSP", issued.ExportIdentityCertificatePem(), issued.ExportIdentityKeyPem(),
            issued.ExportTlsCertificatePem(), issued.ExportTlsKeyPem());
        var store = new IdentityStore(TrustBundle.From(original), time);
        using var signer = copy.CreateSigner();

        Assert.Equal(IdentityRejection.None, store.TryLearn("OrgBMSP", copy.IdentityCertificate.RawData, issued.PkiId, out _));
        Assert.Equal(IdentityRejection.None, store.Verify(issued.PkiId, "hello"u8, signer.Sign("hello"u8)));
        Assert.Equal(issued.TlsCertificateHash, copy.TlsCertificateHash);
    }

    [Fact]
    public void A_reproducible_ca_issues_the_same_valid_certificates_every_time_and_a_random_one_does_not()
    {
        var time = new VirtualTimeProvider(TestPki.Epoch);
        using var first = CertificateAuthority.CreateReproducible("OrgCMSP", time);
        using var second = CertificateAuthority.CreateReproducible("OrgCMSP", time);
        using var other = CertificateAuthority.CreateReproducible("OrgDMSP", time);
        using var random = CertificateAuthority.Create("OrgCMSP", time);
        var issued = first.IssuePeer("peer0.orgc", ["peer0.orgc"]);
        var again = second.IssuePeer("peer0.orgc", ["peer0.orgc"]);
        var sibling = first.IssuePeer("peer1.orgc", ["peer1.orgc"]);

        Assert.Equal(first.Certificate.RawData, second.Certificate.RawData);
        Assert.Equal(issued.IdentityCertificate.RawData, again.IdentityCertificate.RawData);
        Assert.Equal(issued.TlsCertificate.RawData, again.TlsCertificate.RawData);
        Assert.Equal(issued.PkiId, again.PkiId);
        Assert.NotEqual(issued.PkiId, sibling.PkiId);
        Assert.NotEqual(first.ExportKeyPem(), other.ExportKeyPem());
        Assert.NotEqual(first.ExportKeyPem(), random.ExportKeyPem());
        Assert.NotEqual(issued.IdentityCertificate.GetPublicKey(), issued.TlsCertificate.GetPublicKey());

        // The signatures are real: the chain verifies against the CA, and only against that CA.
        var store = new IdentityStore(TrustBundle.From(first), time);
        using var signer = issued.CreateSigner();
        Assert.Equal(IdentityRejection.None, store.TryLearn("OrgCMSP", sibling.IdentityCertificate.RawData, sibling.PkiId, out _));
        Assert.Equal(IdentityRejection.None, store.TryLearn("OrgCMSP", issued.IdentityCertificate.RawData, issued.PkiId, out _));
        Assert.Equal(IdentityRejection.None, store.Verify(issued.PkiId, "hello"u8, signer.Sign("hello"u8)));
        var stranger = new IdentityStore(TrustBundle.From(random), time);
        Assert.NotEqual(IdentityRejection.None, stranger.TryLearn("OrgCMSP", issued.IdentityCertificate.RawData, issued.PkiId, out _));
        using var chain = new X509Chain { ChainPolicy = { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck, VerificationTime = TestPki.Epoch.UtcDateTime } };
        chain.ChainPolicy.CustomTrustStore.Add(first.Certificate);
        Assert.True(chain.Build(issued.TlsCertificate), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public void A_ca_loaded_without_its_key_cannot_issue()
    {
        var time = new VirtualTimeProvider(TestPki.Epoch);
        using var ca = CertificateAuthority.FromPem("Org1MSP", TestPki.Authority("Org1MSP").ExportCertificatePem(), null, time);

        Assert.False(ca.CanIssue);
        var error = Assert.Throws<InvalidOperationException>(() => ca.IssuePeer("x"));
        Assert.Contains("Org1MSP", error.Message, StringComparison.Ordinal);
    }
}
