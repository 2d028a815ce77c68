using Google.Protobuf;
using K8sGossip.Gossip.Blocks;

namespace K8sGossip.Gossip.Tests.Blocks;

public sealed class BlockVerifierFuzzTests
{
    private const int Inputs = 20_000;

    [Fact]
    public void Twenty_thousand_random_and_mutated_inputs_never_throw_and_never_forge_a_header()
    {
        using var chain = new TestChain(seed: 11);
        var genuine = chain.Extend(8, entries: 6, entryBytes: 200);
        var genuineHashes = genuine.Select(b => Convert.ToHexString(b.HeaderHash)).ToHashSet();
        var verifier = chain.Verifier(maxBlockBytes: 64 * 1024);
        var random = new Random(20_000);
        var reasons = new Dictionary<BlockRejection, int>();

        for (var i = 0; i < Inputs; i++)
        {
            var input = Mutate(random, genuine[random.Next(genuine.Count)].Bytes.ToArray(), i);
            var result = verifier.Verify(input);
            reasons[result.Rejection] = reasons.GetValueOrDefault(result.Rejection) + 1;
            if (result.IsValid)
            {
                // Only unsigned metadata (time, trace) may change; the signed header must be a genuine one.
                Assert.Contains(Convert.ToHexString(result.Block!.HeaderHash), genuineHashes);
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(result.Detail));
            }
        }

        Assert.True(reasons.GetValueOrDefault(BlockRejection.Malformed) > 1000);
        Assert.True(reasons.GetValueOrDefault(BlockRejection.DataHashMismatch) > 100);
        Assert.True(reasons.Values.Sum() == Inputs);
    }

    private static byte[] Mutate(Random random, byte[] valid, int round)
    {
        switch (round % 6)
        {
            case 0:
                var garbage = new byte[random.Next(0, 600)];
                random.NextBytes(garbage);
                return garbage;
            case 1:
                var flips = random.Next(1, 4);
                for (var f = 0; f < flips; f++)
                {
                    valid[random.Next(valid.Length)] ^= (byte)(1 << random.Next(8));
                }

                return valid;
            case 2:
                return valid.AsSpan(0, random.Next(valid.Length)).ToArray();
            case 3:
                var insert = new byte[random.Next(1, 16)];
                random.NextBytes(insert);
                var at = random.Next(valid.Length);
                return [.. valid.AsSpan(0, at), .. insert, .. valid.AsSpan(at)];
            case 4:
                valid[random.Next(valid.Length)] = (byte)random.Next(256);
                return valid;
            default:
                // Structurally valid protobuf with random field contents.
                var block = K8sGossip.Gossip.Protos.Block.Parser.ParseFrom(valid);
                var bytes = new byte[random.Next(0, 40)];
                random.NextBytes(bytes);
                switch (random.Next(4))
                {
                    case 0: block.Header.PreviousHash = ByteString.CopyFrom(bytes); break;
                    case 1: block.Header.Number = (ulong)random.NextInt64(); break;
                    case 2: block.Metadata.OrdererPkiId = ByteString.CopyFrom(bytes); break;
                    default: block.Metadata.Signature = ByteString.CopyFrom(bytes); break;
                }

                return block.ToByteArray();
        }
    }
}
