using Google.Protobuf;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;
using K8sGossip.Gossip.Simulation;
using K8sGossip.Gossip.Tests.Support;

namespace K8sGossip.Gossip.Tests.Identity;

public sealed class SignedEnvelopeTests
{
    private static (IdentityStore Store, LocalSigner Signer) Setup()
    {
        var peer = TestPki.Peer("Org1MSP", 5);
        var store = new IdentityStore(TestPki.Bundle("Org1MSP", "Org2MSP", "Org3MSP"), new VirtualTimeProvider(TestPki.Epoch));
        store.TryLearn(peer.MspId, peer.IdentityCertificate.RawData, peer.PkiId, out _);
        return (store, peer.CreateSigner());
    }

    private static GossipMessage Alive() => new() { Tag = RoutingTag.Any, Alive = new AliveMessage { Timestamp = new PeerTime { Incarnation = 1, Sequence = 2 } } };

    [Fact]
    public void The_secret_part_is_signed_separately_so_stripping_it_keeps_the_envelope_valid()
    {
        var (store, signer) = Setup();
        var envelope = SignedEnvelope.Create(Alive(), signer, new Secret { InternalEndpoint = "peer5.org1:7051" });

        var stripped = SignedEnvelope.WithoutSecret(envelope);

        Assert.Equal(IdentityRejection.None, SignedEnvelope.Verify(envelope, signer.Identity.PkiId, store));
        Assert.Equal(IdentityRejection.None, SignedEnvelope.Verify(stripped, signer.Identity.PkiId, store));
        Assert.True(SignedEnvelope.TryReadInternalEndpoint(envelope, out var endpoint));
        Assert.Equal("peer5.org1:7051", endpoint);
        Assert.False(SignedEnvelope.TryReadInternalEndpoint(stripped, out _));
        Assert.Null(stripped.SecretEnvelope);
    }

    [Fact]
    public void A_tampered_payload_or_secret_is_refused()
    {
        var (store, signer) = Setup();
        var envelope = SignedEnvelope.Create(Alive(), signer, new Secret { InternalEndpoint = "peer5.org1:7051" });
        var tamperedSecret = envelope.Clone();
        tamperedSecret.SecretEnvelope.Payload = new Secret { InternalEndpoint = "evil:1" }.ToByteString();
        var tamperedPayload = envelope.Clone();
        var bytes = tamperedPayload.Payload.ToByteArray();
        bytes[^1] ^= 1;
        tamperedPayload.Payload = ByteString.CopyFrom(bytes);

        Assert.Equal(IdentityRejection.BadSignature, SignedEnvelope.Verify(tamperedSecret, signer.Identity.PkiId, store));
        Assert.Equal(IdentityRejection.BadSignature, SignedEnvelope.Verify(tamperedPayload, signer.Identity.PkiId, store));
        Assert.Equal(IdentityRejection.BadSignature, SignedEnvelope.Verify(SignedEnvelope.Unsigned(Alive()), signer.Identity.PkiId, store));
    }
}
