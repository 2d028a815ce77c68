using System.Net;
using System.Text;
using Google.Protobuf;
using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Identity;
using K8sGossip.Sidecar.Deliver;

namespace K8sGossip.Sidecar.Tests.Deliver;

/// <summary>The PKI of a small network (an orderer org, two peer orgs, and a CA nobody trusts) and a chain cutter
/// signing with the orderer's real key.</summary>
internal sealed class TestNetwork : IDisposable
{
    public const string Channel = "mychannel";
    public const string Org1 = "Org1MSP";
    public const string Org2 = "Org2MSP";
    public const int MaxBlockBytes = 4 * 1024 * 1024;

    public TestNetwork()
    {
        OrdererCa = CertificateAuthority.Create("OrdererMSP", TimeProvider.System);
        Org1Ca = CertificateAuthority.Create(Org1, TimeProvider.System);
        Org2Ca = CertificateAuthority.Create(Org2, TimeProvider.System);
        RogueCa = CertificateAuthority.Create(Org1, TimeProvider.System);
        Trust = TrustBundle.From(OrdererCa, Org1Ca, Org2Ca);
        Orderer = Issue(OrdererCa, "orderer0");
        OrdererSigner = Orderer.CreateSigner();
        TrustedOrderers = TrustedOrderers.FromIdentities([OrdererSigner.Identity]);
        BlockSigner = new BlockSigner(OrdererSigner, TimeProvider.System);
    }

    public CertificateAuthority OrdererCa { get; }

    public CertificateAuthority Org1Ca { get; }

    public CertificateAuthority Org2Ca { get; }

    public CertificateAuthority RogueCa { get; }

    public TrustBundle Trust { get; }

    public PeerCredentials Orderer { get; }

    public LocalSigner OrdererSigner { get; }

    public TrustedOrderers TrustedOrderers { get; }

    public BlockSigner BlockSigner { get; }

    public static PeerCredentials Issue(CertificateAuthority ca, string name) => ca.IssuePeer(name, ["localhost"], [IPAddress.Loopback]);

    public PeerCredentials Peer(string name) => Issue(Org1Ca, name);

    public BlockVerifier Verifier() => new(Channel, TrustedOrderers, MaxBlockBytes);

    public DeliverChannelPool Pool(PeerCredentials credentials) =>
        new(MutualTlsIdentity.From(credentials, Trust), MaxBlockBytes + 64, TimeProvider.System);

    public DeliverHostOptions HostOptions(PeerCredentials credentials) => new()
    {
        Tls = MutualTlsIdentity.From(credentials, Trust),
        MaxBlockBytes = MaxBlockBytes,
    };

    /// <summary>A peer's Deliver policy: members of Org1 only.</summary>
    public DeliverAuthorizer Org1Members() => DeliverAuthorizers.ChannelMembers(Trust, channel => channel == Channel ? [Org1] : null);

    /// <summary>Cuts <paramref name="count"/> blocks continuing <paramref name="prefix"/> (a new chain when empty).</summary>
    public List<EncodedBlock> Cut(int count, int seed = 1, int entryBytes = 200, IReadOnlyList<EncodedBlock>? prefix = null)
    {
        var random = new Random(seed);
        var blocks = new List<EncodedBlock>(prefix ?? []);
        for (var i = 0; i < count; i++)
        {
            var number = (ulong)blocks.Count;
            var payload = new byte[entryBytes];
            random.NextBytes(payload);
            ByteString[] entries = [ByteString.CopyFrom(payload), ByteString.CopyFrom(Encoding.UTF8.GetBytes($"block {number} seed {seed}"))];
            blocks.Add(BlockSigner.Create(Channel, number, number == 0 ? [] : blocks[^1].HeaderHash, entries));
        }

        return blocks;
    }

    /// <summary>The same block with its signature damaged (header, hence links, unchanged).</summary>
    public static EncodedBlock WithBadSignature(EncodedBlock block)
    {
        var copy = block.Block.Clone();
        var signature = copy.Metadata.Signature.ToByteArray();
        signature[^3] ^= 0x5A;
        copy.Metadata.Signature = ByteString.CopyFrom(signature);
        return EncodedBlock.FromBlock(copy);
    }

    public void Dispose()
    {
        TrustedOrderers.Dispose();
        OrdererSigner.Dispose();
        OrdererCa.Dispose();
        Org1Ca.Dispose();
        Org2Ca.Dispose();
        RogueCa.Dispose();
    }
}
