using Google.Protobuf;
using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Tests.Blocks;

public sealed class BlockVerifierTests
{
    [Fact]
    public void A_valid_chain_verifies_block_by_block()
    {
        using var chain = new TestChain();
        var verifier = chain.Verifier();
        var tip = ReadOnlyMemory<byte>.Empty;
        foreach (var block in chain.Extend(20))
        {
            var result = verifier.Verify(block.Bytes, block.Number, tip.Span);
            Assert.Equal(BlockRejection.None, result.Rejection);
            Assert.Equal(block.HeaderHash, result.Block!.HeaderHash);
            tip = result.Block.HeaderHash;
        }
    }

    [Fact]
    public void A_tampered_signature_is_refused_as_bad_signature()
    {
        using var chain = new TestChain();
        var block = chain.Next().Block.Clone();
        var signature = block.Metadata.Signature.ToByteArray();
        signature[^3] ^= 0x40;
        block.Metadata.Signature = ByteString.CopyFrom(signature);

        var result = chain.Verifier().Verify(block.ToByteArray());
        Assert.Equal(BlockRejection.BadSignature, result.Rejection);
        Assert.NotNull(result.Detail);
    }

    [Fact]
    public void A_signature_by_another_key_under_a_trusted_orderer_id_is_refused_as_bad_signature()
    {
        using var chain = new TestChain();
        using var impostor = new TestChain(seed: 1);
        var forged = impostor.Next().Block.Clone();
        forged.Metadata.OrdererPkiId = chain.Orderer.Identity.PkiId.ToByteString();

        Assert.Equal(BlockRejection.BadSignature, chain.Verifier().Verify(forged.ToByteArray()).Rejection);
    }

    [Fact]
    public void A_block_signed_by_an_untrusted_orderer_is_refused_as_unknown_orderer()
    {
        using var chain = new TestChain();
        using var stranger = new TestChain();
        var block = stranger.Next();

        Assert.Equal(BlockRejection.UnknownOrderer, chain.Verifier().Verify(block.Bytes).Rejection);
    }

    [Fact]
    public void Changed_data_is_refused_as_data_hash_mismatch()
    {
        using var chain = new TestChain();
        var block = chain.Next().Block.Clone();
        block.Data.Data[0] = ByteString.CopyFromUtf8("a different transaction");

        Assert.Equal(BlockRejection.DataHashMismatch, chain.Verifier().Verify(block.ToByteArray()).Rejection);
    }

    [Fact]
    public void A_block_that_links_to_another_chain_is_refused_as_broken_chain()
    {
        using var chain = new TestChain(seed: 1);
        chain.Extend(2);

        // Same orderer key, different history: a correctly signed block 1 that does not follow our block 0.
        var otherGenesis = chain.Signer.Create(chain.Channel, 0, [], [ByteString.CopyFromUtf8("other")]);
        var forked = chain.Signer.Create(chain.Channel, 1, otherGenesis.HeaderHash, [ByteString.CopyFromUtf8("x")]);

        var result = chain.Verifier().Verify(forked.Bytes, 1, chain.Blocks[0].HeaderHash);
        Assert.Equal(BlockRejection.BrokenChain, result.Rejection);
    }

    [Fact]
    public void A_block_of_another_channel_is_refused_as_wrong_channel()
    {
        using var chain = new TestChain();
        var other = chain.Signer.Create("otherchannel", 0, [], [ByteString.CopyFromUtf8("tx")]);

        Assert.Equal(BlockRejection.WrongChannel, chain.Verifier().Verify(other.Bytes).Rejection);
    }

    [Fact]
    public void Blocks_below_or_ahead_of_the_height_are_refused_as_duplicate_or_gap()
    {
        using var chain = new TestChain();
        var blocks = chain.Extend(5);
        var verifier = chain.Verifier();

        Assert.Equal(BlockRejection.Duplicate, verifier.Verify(blocks[1].Bytes, 3, blocks[2].HeaderHash).Rejection);
        Assert.Equal(BlockRejection.Gap, verifier.Verify(blocks[4].Bytes, 3, blocks[2].HeaderHash).Rejection);
        Assert.Equal(BlockRejection.None, verifier.Verify(blocks[3].Bytes, 3, blocks[2].HeaderHash).Rejection);
    }

    [Fact]
    public void Garbage_missing_parts_and_oversize_input_are_refused_without_decoding_errors_escaping()
    {
        using var chain = new TestChain();
        var verifier = chain.Verifier(maxBlockBytes: 4096);
        var valid = chain.Next();

        Assert.Equal(BlockRejection.Malformed, verifier.Verify(new byte[] { 0xFF, 0xFF, 0xFF }).Rejection);
        Assert.Equal(BlockRejection.Malformed, verifier.Verify(ReadOnlyMemory<byte>.Empty).Rejection);
        Assert.Equal(BlockRejection.Malformed, verifier.Verify(new Block { Header = valid.Block.Header }.ToByteArray()).Rejection);
        Assert.Equal(BlockRejection.Malformed, verifier.Verify(new Block { Metadata = valid.Block.Metadata }.ToByteArray()).Rejection);
        Assert.Equal(BlockRejection.Oversize, verifier.Verify(new byte[4097]).Rejection);

        var shortHash = valid.Block.Clone();
        shortHash.Header.DataHash = ByteString.CopyFrom(new byte[5]);
        Assert.Equal(BlockRejection.Malformed, verifier.Verify(shortHash.ToByteArray()).Rejection);
    }

    [Fact]
    public void Replacing_the_trusted_orderers_takes_effect_for_the_next_block()
    {
        using var chain = new TestChain();
        using var rotated = new TestOrderer(name: "orderer1");
        using var rotatedTrust = TrustedOrderers.FromIdentities([rotated.Identity]);
        var verifier = chain.Verifier();
        var block = chain.Next();
        Assert.True(verifier.Verify(block.Bytes).IsValid);

        verifier.Orderers = rotatedTrust;
        Assert.Equal(BlockRejection.UnknownOrderer, verifier.Verify(block.Bytes).Rejection);
    }

    [Fact]
    public void A_repeated_valid_block_is_answered_from_memory_but_a_changed_signature_is_checked_again()
    {
        using var chain = new TestChain();
        var verifier = chain.Verifier();
        var block = chain.Next();
        Assert.True(verifier.Verify(block.Bytes).IsValid);
        Assert.True(verifier.Verify(block.Bytes).IsValid);
        Assert.Equal(1, chain.Trust.RememberedCount);

        var altered = block.Block.Clone();
        var signature = altered.Metadata.Signature.ToByteArray();
        signature[^1] ^= 0x01;
        altered.Metadata.Signature = ByteString.CopyFrom(signature);
        Assert.Equal(BlockRejection.BadSignature, verifier.Verify(altered.ToByteArray()).Rejection);
        Assert.Equal(1, chain.Trust.RememberedCount);
    }

    [Fact]
    public void A_channel_name_that_is_not_utf8_is_refused_as_wrong_channel()
    {
        using var chain = new TestChain();
        var bytes = chain.Next().Bytes.ToArray();
        var at = bytes.AsSpan().IndexOf("mychannel"u8);
        bytes[at] = 0xFF;

        // The decoder substitutes invalid UTF-8, so the name no longer matches and nothing throws.
        var result = chain.Verifier().Verify(bytes);
        Assert.Equal(BlockRejection.WrongChannel, result.Rejection);
    }
}
