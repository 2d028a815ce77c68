using System.Text.RegularExpressions;
using K8sGossip.Gossip.Blocks;

namespace K8sGossip.Sidecar.Orderer;

/// <summary>Settings of the solo orderer: where its ledgers live, which channels it orders, batching and limits.</summary>
public sealed partial class SoloOrdererOptions
{
    /// <summary>The directory holding one block store per channel (a subdirectory named after the channel).</summary>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>The channels ordered. Names follow Fabric's rule: lower-case letters, digits, dots and dashes,
    /// starting with a letter, fewer than 250 characters.</summary>
    public IReadOnlyList<string> Channels { get; set; } = [];

    /// <summary>When a batch of envelopes becomes a block.</summary>
    public BatchOptions Batch { get; set; } = new();

    /// <summary>The block layer's limits (store segments, largest block).</summary>
    public BlockOptions Blocks { get; set; } = new();

    /// <summary>Largest envelope accepted by Submit, in bytes; larger ones get RESOURCE_EXHAUSTED. Default 1 MiB.</summary>
    public int MaxEnvelopeBytes { get; set; } = 1024 * 1024;

    /// <summary>Blocks cut but not yet durable, at most; the generator waits beyond it. Default 256.</summary>
    public int MaxBlocksInFlight { get; set; } = 256;

    /// <summary>The problems with these settings, each naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            errors.Add("SoloOrdererOptions.DataDirectory must be set.");
        }

        if (Channels is null || Channels.Count == 0)
        {
            errors.Add("SoloOrdererOptions.Channels must name at least one channel.");
        }
        else
        {
            foreach (var channel in Channels)
            {
                if (channel is null || channel.Length >= 250 || !ChannelName().IsMatch(channel))
                {
                    errors.Add($"SoloOrdererOptions.Channels: '{channel}' is not a valid channel name (lower-case letters, digits, '.' and '-', starting with a letter).");
                }
            }

            if (Channels.Distinct(StringComparer.Ordinal).Count() != Channels.Count)
            {
                errors.Add("SoloOrdererOptions.Channels lists a channel twice.");
            }
        }

        if (Batch is null || Batch.MaxMessages <= 0 || Batch.MaxBytes <= 0 || Batch.Timeout <= TimeSpan.Zero)
        {
            errors.Add("SoloOrdererOptions.Batch: MaxMessages, MaxBytes and Timeout must be positive.");
        }

        if (Blocks is null)
        {
            errors.Add("SoloOrdererOptions.Blocks must be set.");
        }
        else
        {
            errors.AddRange(Blocks.Validate());
            if (MaxEnvelopeBytes <= 0 || MaxEnvelopeBytes > Blocks.MaxBlockBytes / 2)
            {
                errors.Add($"SoloOrdererOptions.MaxEnvelopeBytes must be between 1 and half of Blocks:MaxBlockBytes ({Blocks.MaxBlockBytes / 2}); it is {MaxEnvelopeBytes}.");
            }

            if (Batch is not null && Batch.MaxBytes > Blocks.MaxBlockBytes / 2)
            {
                errors.Add($"SoloOrdererOptions.Batch.MaxBytes ({Batch.MaxBytes}) must be at most half of Blocks:MaxBlockBytes ({Blocks.MaxBlockBytes / 2}) so that a cut block fits.");
            }
        }

        if (MaxBlocksInFlight <= 0)
        {
            errors.Add($"SoloOrdererOptions.MaxBlocksInFlight must be positive; it is {MaxBlocksInFlight}.");
        }

        return errors;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every invalid setting.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelName();
}
