namespace K8sGossip.Gossip.Dissemination;

/// <summary>Checks a channel's data before it is stored, delivered or forwarded (the block layer verifies the
/// orderer's signature here). Runs under the node's gate, so it must be quick and must not block.</summary>
public interface IDataValidator
{
    /// <summary>Null when <paramref name="data"/> is valid as item <paramref name="seq"/> of <paramref name="channel"/>;
    /// otherwise why not.</summary>
    string? Validate(string channel, ulong seq, ReadOnlyMemory<byte> data);
}
