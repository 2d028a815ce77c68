namespace K8sGossip.Sidecar.Configuration;

/// <summary>One problem in the configuration: the key (full path, or the environment variable) and what is wrong.</summary>
/// <param name="Key">The key's full path, or the environment variable's name.</param>
/// <param name="Message">What is wrong and what is expected; names every key involved.</param>
/// <param name="Source">Where the offending value was written (file and line, or environment variable), when known.</param>
public sealed record ConfigurationError(string Key, string Message, string? Source = null)
{
    /// <inheritdoc/>
    public override string ToString() => Source is null ? $"{Key}: {Message}" : $"{Key}: {Message} ({Source})";
}
