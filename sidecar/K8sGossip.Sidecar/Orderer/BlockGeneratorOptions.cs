namespace K8sGossip.Sidecar.Orderer;

/// <summary>What the block generator produces: blocks of one entry of <see cref="BlockBytes"/> random bytes at
/// <see cref="BlocksPerSecond"/>, on one channel, optionally stopping after <see cref="MaxBlocks"/>.</summary>
public sealed class BlockGeneratorOptions
{
    /// <summary>The channel to cut blocks on.</summary>
    public string Channel { get; set; } = string.Empty;

    /// <summary>Payload bytes per block (the block adds its header and signature). Default 4096.</summary>
    public int BlockBytes { get; set; } = 4096;

    /// <summary>Blocks per second. Default 10.</summary>
    public double BlocksPerSecond { get; set; } = 10;

    /// <summary>Stop after this many blocks; null runs until stopped.</summary>
    public long? MaxBlocks { get; set; }

    /// <summary>Seed of the payload bytes, so runs are reproducible. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Channel))
        {
            throw new ArgumentException("BlockGeneratorOptions.Channel must be set.");
        }

        if (BlockBytes <= 0)
        {
            throw new ArgumentException($"BlockGeneratorOptions.BlockBytes must be positive (was {BlockBytes}).");
        }

        if (!(BlocksPerSecond > 0) || double.IsInfinity(BlocksPerSecond))
        {
            throw new ArgumentException($"BlockGeneratorOptions.BlocksPerSecond must be a positive number (was {BlocksPerSecond}).");
        }

        if (MaxBlocks is <= 0)
        {
            throw new ArgumentException($"BlockGeneratorOptions.MaxBlocks must be positive when set (was {MaxBlocks}).");
        }
    }
}
