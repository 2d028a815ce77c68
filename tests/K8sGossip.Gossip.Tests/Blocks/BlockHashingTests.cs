using System.Security.Cryptography;
using Google.Protobuf;
using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Tests.Blocks;

public sealed class BlockHashingTests
{
    [Fact]
    public void Data_hash_changes_when_bytes_move_between_entries()
    {
        var first = new BlockData { Data = { ByteString.CopyFromUtf8("ab"), ByteString.CopyFromUtf8("c") } };
        var second = new BlockData { Data = { ByteString.CopyFromUtf8("a"), ByteString.CopyFromUtf8("bc") } };
        Assert.NotEqual(BlockHashing.ComputeDataHash(first), BlockHashing.ComputeDataHash(second));
    }

    [Fact]
    public void Data_hash_is_sha256_over_length_prefixed_entries()
    {
        var data = new BlockData { Data = { ByteString.CopyFromUtf8("xy"), ByteString.Empty } };
        byte[] expected = SHA256.HashData([0, 0, 0, 2, (byte)'x', (byte)'y', 0, 0, 0, 0]);
        Assert.Equal(expected, BlockHashing.ComputeDataHash(data));
        Assert.Equal(SHA256.HashData([]), BlockHashing.ComputeDataHash(null));
    }

    [Fact]
    public void Header_hash_is_sha256_of_the_header_serialization()
    {
        var header = new BlockHeader
        {
            Number = 42,
            PreviousHash = ByteString.CopyFrom(new byte[32]),
            DataHash = ByteString.CopyFrom(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()),
            Channel = "mychannel",
        };
        Assert.Equal(SHA256.HashData(header.ToByteArray()), BlockHashing.ComputeHeaderHash(header));
    }

    [Fact]
    public void Header_hash_of_a_large_header_matches_its_serialization_too()
    {
        var header = new BlockHeader { Number = 7, Channel = new string('c', 2000), DataHash = ByteString.CopyFrom(new byte[32]) };
        Assert.Equal(SHA256.HashData(header.ToByteArray()), BlockHashing.ComputeHeaderHash(header));
    }

    [Fact]
    public void Signed_blocks_chain_by_header_hash_and_carry_the_orderer_stamp()
    {
        using var chain = new TestChain();
        chain.Time.Advance(TimeSpan.FromSeconds(5));
        var genesis = chain.Next();
        var second = chain.Next();

        Assert.True(genesis.Block.Header.PreviousHash.IsEmpty);
        Assert.Equal(genesis.HeaderHash, second.PreviousHash.ToArray());
        Assert.Equal(chain.Orderer.Identity.PkiId.ToArray(), second.Block.Metadata.OrdererPkiId.ToByteArray());
        Assert.Equal((ulong)chain.Time.GetUtcNow().ToUnixTimeMilliseconds(), second.Block.Metadata.TimestampUnixMs);
        Assert.Equal(BlockHashing.ComputeDataHash(second.Block.Data), second.Block.Header.DataHash.ToByteArray());
        Assert.True(chain.Verifier().Verify(second.Bytes, 1, genesis.HeaderHash).IsValid);
    }

    [Fact]
    public void Signer_refuses_a_previous_hash_of_the_wrong_length()
    {
        using var chain = new TestChain();
        Assert.Throws<ArgumentException>(() => chain.Signer.Create("mychannel", 0, new byte[32], []));
        Assert.Throws<ArgumentException>(() => chain.Signer.Create("mychannel", 1, [], []));
    }
}
