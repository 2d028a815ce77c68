namespace K8sGossip.Gossip.Dissemination;

/// <summary>A validator for deployments and simulations whose data carries no signature to check.</summary>
public sealed class AcceptAllDataValidator : IDataValidator
{
    /// <summary>The shared instance.</summary>
    public static AcceptAllDataValidator Instance { get; } = new();

    /// <inheritdoc />
    public string? Validate(string channel, ulong seq, ReadOnlyMemory<byte> data) => null;
}
