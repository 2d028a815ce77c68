using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Simulation;
using K8sGossip.Gossip.Tests.Support;

namespace K8sGossip.Gossip.Tests.Identity;

public sealed class IdentityStoreTests
{
    private readonly VirtualTimeProvider _time = new(TestPki.Epoch);

    private IdentityStore NewStore() => new(TestPki.Bundle("Org1MSP", "Org2MSP", "Org3MSP"), _time);

    [Fact]
    public void Signatures_verify_only_against_the_signers_own_identity()
    {
        var store = NewStore();
        var alice = TestPki.Peer("Org1MSP", 0);
        var bob = TestPki.Peer("Org2MSP", 0);
        store.TryLearn(alice.MspId, alice.IdentityCertificate.RawData, alice.PkiId, out _);
        store.TryLearn(bob.MspId, bob.IdentityCertificate.RawData, bob.PkiId, out _);
        using var signer = alice.CreateSigner();
        var signature = signer.Sign("payload"u8);

        Assert.Equal(IdentityRejection.None, store.Verify(alice.PkiId, "payload"u8, signature));
        Assert.Equal(IdentityRejection.BadSignature, store.Verify(alice.PkiId, "payloaD"u8, signature));
        Assert.Equal(IdentityRejection.BadSignature, store.Verify(bob.PkiId, "payload"u8, signature));
        Assert.Equal(IdentityRejection.BadSignature, store.Verify(alice.PkiId, "payload"u8, []));
        Assert.Equal(IdentityRejection.UnknownPeer, store.Verify(TestPki.Peer("Org3MSP", 0).PkiId, "payload"u8, signature));
    }

    [Fact]
    public void A_certificate_from_a_ca_outside_the_claimed_org_is_refused()
    {
        var store = NewStore();
        using var rogue = CertificateAuthority.Create("Org1MSP", _time);
        var forged = rogue.IssuePeer("peer0.org1msp");
        var org2Peer = TestPki.Peer("Org2MSP", 1);

        Assert.Equal(IdentityRejection.UnknownAuthority, store.TryLearn("Org1MSP", forged.IdentityCertificate.RawData, null, out _));
        Assert.Equal(IdentityRejection.UnknownAuthority, store.TryLearn("Org1MSP", org2Peer.IdentityCertificate.RawData, null, out _));
        Assert.Equal(IdentityRejection.UnknownAuthority, store.TryLearn("Org9MSP", org2Peer.IdentityCertificate.RawData, null, out _));
        Assert.Equal(IdentityRejection.UnknownAuthority, store.TryLearn("Org1MSP", TestPki.Authority("Org1MSP").Certificate.RawData, null, out _));
        Assert.False(store.IsKnownOrganization("Org9MSP"));
    }

    [Fact]
    public void Malformed_bytes_and_a_wrong_pki_id_claim_are_refused()
    {
        var store = NewStore();
        var peer = TestPki.Peer("Org1MSP", 1);

        Assert.Equal(IdentityRejection.Malformed, store.TryLearn("Org1MSP", [1, 2, 3, 4], null, out _));
        Assert.Equal(IdentityRejection.Malformed, store.TryLearn("Org1MSP", [], null, out _));
        Assert.Equal(IdentityRejection.PkiIdMismatch, store.TryLearn("Org1MSP", peer.IdentityCertificate.RawData, TestPki.Peer("Org1MSP", 2).PkiId, out _));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Expired_identities_stop_verifying_and_are_purged()
    {
        var store = NewStore();
        var shortLived = TestPki.Authority("Org1MSP").IssuePeer("peer-short.org1msp", validity: TimeSpan.FromHours(1), notBefore: TestPki.Epoch);
        using var signer = shortLived.CreateSigner();
        Assert.Equal(IdentityRejection.None, store.TryLearn("Org1MSP", shortLived.IdentityCertificate.RawData, shortLived.PkiId, out _));

        _time.Advance(TimeSpan.FromHours(2));

        Assert.False(store.TryGet(shortLived.PkiId, out _));
        Assert.Equal(IdentityRejection.Expired, store.Verify(shortLived.PkiId, "x"u8, signer.Sign("x"u8)));
        Assert.Contains(shortLived.PkiId, store.PurgeExpired());
        Assert.Equal(0, store.Count);
        Assert.Equal(IdentityRejection.Expired, store.TryLearn("Org1MSP", shortLived.IdentityCertificate.RawData, null, out _));
    }

    [Fact]
    public void A_renewed_certificate_replaces_the_old_identity_and_retires_its_pki_id()
    {
        var store = NewStore();
        var ca = TestPki.Authority("Org2MSP");
        var first = ca.IssuePeer("peer-renewed.org2msp", notBefore: TestPki.Epoch.AddSeconds(-50));
        var renewed = ca.IssuePeer("peer-renewed.org2msp", notBefore: TestPki.Epoch.AddSeconds(-10));
        Assert.Equal(IdentityRejection.None, store.TryLearn("Org2MSP", first.IdentityCertificate.RawData, first.PkiId, out _));

        Assert.Equal(IdentityRejection.None, store.TryLearn("Org2MSP", renewed.IdentityCertificate.RawData, renewed.PkiId, out _));

        Assert.NotEqual(first.PkiId, renewed.PkiId);
        Assert.True(store.TryGet(renewed.PkiId, out _));
        Assert.False(store.TryGet(first.PkiId, out _));
        Assert.Equal(IdentityRejection.Expired, store.TryLearn("Org2MSP", first.IdentityCertificate.RawData, first.PkiId, out _));
        Assert.Equal([first.PkiId], store.PurgeExpired());
        Assert.Empty(store.PurgeExpired());
    }

    [Fact]
    public void Stores_on_one_bundle_share_validation_work_but_not_identities()
    {
        var bundle = TestPki.Bundle("Org1MSP", "Org2MSP", "Org3MSP");
        var a = new IdentityStore(bundle, _time);
        var b = new IdentityStore(bundle, _time);
        var peer = TestPki.Peer("Org3MSP", 3);

        a.TryLearn("Org3MSP", peer.IdentityCertificate.RawData, peer.PkiId, out var first);

        Assert.False(b.TryGet(peer.PkiId, out _));
        b.TryLearn("Org3MSP", peer.IdentityCertificate.RawData, peer.PkiId, out var second);
        Assert.Same(first, second);
    }
}
