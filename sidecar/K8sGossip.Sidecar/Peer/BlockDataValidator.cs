using System.Collections.Frozen;
using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Dissemination;

namespace K8sGossip.Sidecar.Peer;

/// <summary>Lets dissemination store and forward only blocks the ordering service signed for the channel, under the
/// number they claim (signature checks are cached by <see cref="TrustedOrderers"/>, so a block costs one ECDSA check).</summary>
internal sealed class BlockDataValidator(IReadOnlyDictionary<string, BlockVerifier> verifiers) : IDataValidator
{
    private readonly FrozenDictionary<string, BlockVerifier> _verifiers = verifiers.ToFrozenDictionary(StringComparer.Ordinal);

    /// <inheritdoc />
    public string? Validate(string channel, ulong seq, ReadOnlyMemory<byte> data)
    {
        if (!_verifiers.TryGetValue(channel, out var verifier))
        {
            return $"channel '{channel}' is not joined";
        }

        var result = verifier.Verify(data);
        if (!result.IsValid)
        {
            return $"{result.Rejection}: {result.Detail}";
        }

        return result.Block!.Number == seq ? null : $"block {result.Block.Number} was sent as item {seq}";
    }
}
