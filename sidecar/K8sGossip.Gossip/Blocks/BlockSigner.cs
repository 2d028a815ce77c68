using System.Diagnostics;
using Google.Protobuf;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Blocks;

/// <summary>Cuts signed blocks as the ordering service does: computes the data hash, chains the header to the
/// previous one, signs the header hash and stamps the signer, the time and the trace context.</summary>
public sealed class BlockSigner
{
    private readonly ISigner _signer;
    private readonly TimeProvider _time;

    /// <summary>Creates a signer for the orderer identity of <paramref name="signer"/>.</summary>
    public BlockSigner(ISigner signer, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(time);
        _signer = signer;
        _time = time;
    }

    /// <summary>The PKI-ID that signs.</summary>
    public PkiId OrdererPkiId => _signer.Identity.PkiId;

    /// <summary>Builds and signs block <paramref name="number"/> of <paramref name="channel"/> holding
    /// <paramref name="entries"/>, linked to <paramref name="previousHeaderHash"/> (empty for genesis).
    /// The trace context is <paramref name="traceparent"/>, else the current W3C activity's.</summary>
    public EncodedBlock Create(
        string channel,
        ulong number,
        ReadOnlySpan<byte> previousHeaderHash,
        IEnumerable<ByteString> entries,
        string? traceparent = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(entries);
        if (number == 0 ? !previousHeaderHash.IsEmpty : previousHeaderHash.Length != BlockHashing.HashLength)
        {
            throw new ArgumentException(
                $"Block {number} needs a previous hash of {(number == 0 ? 0 : BlockHashing.HashLength)} bytes, not {previousHeaderHash.Length}.",
                nameof(previousHeaderHash));
        }

        var data = new BlockData();
        data.Data.AddRange(entries);
        var header = new BlockHeader
        {
            Number = number,
            PreviousHash = ByteString.CopyFrom(previousHeaderHash),
            DataHash = ByteString.CopyFrom(BlockHashing.ComputeDataHash(data)),
            Channel = channel,
        };
        var headerHash = BlockHashing.ComputeHeaderHash(header);
        var block = new Block
        {
            Header = header,
            Data = data,
            Metadata = new BlockMetadata
            {
                Signature = ByteString.CopyFrom(_signer.Sign(headerHash)),
                OrdererPkiId = _signer.Identity.PkiId.ToByteString(),
                TimestampUnixMs = (ulong)_time.GetUtcNow().ToUnixTimeMilliseconds(),
                Traceparent = traceparent ?? CurrentTraceparent(),
            },
        };
        return EncodedBlock.FromBlock(block);
    }

    private static string CurrentTraceparent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id ?? string.Empty : string.Empty;
}
