using System.Text;
using Google.Protobuf;
using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Simulation;

namespace K8sGossip.Gossip.Tests.Blocks;

/// <summary>Cuts a valid chain of signed blocks for a channel with deterministic contents.</summary>
internal sealed class TestChain : IDisposable
{
    public const string ChannelName = "mychannel";

    public TestChain(int seed = 1, string channel = ChannelName)
    {
        Channel = channel;
        Orderer = new TestOrderer();
        Time = new VirtualTimeProvider();
        Signer = new BlockSigner(Orderer, Time);
        Trust = TrustedOrderers.FromIdentities([Orderer.Identity]);
        Random = new Random(seed);
    }

    public string Channel { get; }

    public TestOrderer Orderer { get; }

    public VirtualTimeProvider Time { get; }

    public BlockSigner Signer { get; }

    public TrustedOrderers Trust { get; }

    public Random Random { get; }

    public List<EncodedBlock> Blocks { get; } = [];

    public BlockVerifier Verifier(int maxBlockBytes = 1 << 20) => new(Channel, Trust, maxBlockBytes);

    /// <summary>Cuts the next block with a few entries of random bytes.</summary>
    public EncodedBlock Next(int entries = 3, int entryBytes = 64)
    {
        var number = (ulong)Blocks.Count;
        var previous = Blocks.Count == 0 ? [] : Blocks[^1].HeaderHash;
        var data = new List<ByteString>();
        for (var i = 0; i < entries; i++)
        {
            var bytes = new byte[Random.Next(1, entryBytes + 1)];
            Random.NextBytes(bytes);
            data.Add(ByteString.CopyFrom(bytes));
        }

        data.Add(ByteString.CopyFrom(Encoding.UTF8.GetBytes($"block {number}")));
        var block = Signer.Create(Channel, number, previous, data);
        Blocks.Add(block);
        return block;
    }

    public List<EncodedBlock> Extend(int count, int entries = 3, int entryBytes = 64)
    {
        var cut = new List<EncodedBlock>(count);
        for (var i = 0; i < count; i++)
        {
            cut.Add(Next(entries, entryBytes));
        }

        return cut;
    }

    public void Dispose()
    {
        Trust.Dispose();
        Orderer.Dispose();
    }
}
