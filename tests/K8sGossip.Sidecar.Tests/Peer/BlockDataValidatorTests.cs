using Google.Protobuf;
using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Identity;
using K8sGossip.Sidecar.Peer;

namespace K8sGossip.Sidecar.Tests.Peer;

public sealed class BlockDataValidatorTests : IDisposable
{
    private readonly CertificateAuthority _ordererCa = CertificateAuthority.Create("OrdererMSP", TimeProvider.System);
    private readonly LocalSigner _orderer;
    private readonly LocalSigner _impostor;
    private readonly TrustedOrderers _trusted;
    private readonly BlockDataValidator _validator;

    public BlockDataValidatorTests()
    {
        _orderer = _ordererCa.IssuePeer("orderer").CreateSigner();
        _impostor = _ordererCa.IssuePeer("impostor").CreateSigner();
        _trusted = TrustedOrderers.FromIdentities([_orderer.Identity]);
        _validator = new BlockDataValidator(new Dictionary<string, BlockVerifier> { ["mychannel"] = new("mychannel", _trusted, 1024 * 1024) });
    }

    [Fact]
    public void A_block_signed_by_the_trusted_orderer_under_its_own_number_is_accepted()
    {
        var block = new BlockSigner(_orderer, TimeProvider.System).Create("mychannel", 0, [], [ByteString.CopyFromUtf8("tx")]);

        Assert.Null(_validator.Validate("mychannel", 0, block.Bytes));
    }

    [Fact]
    public void A_block_signed_by_an_untrusted_identity_is_refused_naming_the_reason()
    {
        var block = new BlockSigner(_impostor, TimeProvider.System).Create("mychannel", 0, [], [ByteString.CopyFromUtf8("tx")]);

        Assert.StartsWith(nameof(BlockRejection.UnknownOrderer), _validator.Validate("mychannel", 0, block.Bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_sent_under_another_number_is_refused()
    {
        var block = new BlockSigner(_orderer, TimeProvider.System).Create("mychannel", 0, [], [ByteString.CopyFromUtf8("tx")]);

        Assert.Equal("block 0 was sent as item 5", _validator.Validate("mychannel", 5, block.Bytes));
    }

    [Fact]
    public void Data_of_a_channel_not_joined_and_undecodable_bytes_are_refused()
    {
        Assert.Equal("channel 'other' is not joined", _validator.Validate("other", 0, new byte[] { 1, 2, 3 }));
        Assert.StartsWith(nameof(BlockRejection.Malformed), _validator.Validate("mychannel", 0, new byte[] { 0xff, 0xff, 0xff }), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _trusted.Dispose();
        _orderer.Dispose();
        _impostor.Dispose();
        _ordererCa.Dispose();
    }
}
