namespace K8sGossip.Operator.Planning.Manifests;

/// <summary>A manifest file is not well-formed YAML, or uses YAML the loader does not accept; carries the position.</summary>
internal sealed class ManifestSyntaxException : Exception
{
    public ManifestSyntaxException()
    {
    }

    public ManifestSyntaxException(string message)
        : base(message)
    {
    }

    public ManifestSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ManifestSyntaxException(string message, SourceLocation location)
        : base(message)
    {
        Location = location;
    }

    /// <summary>Where the problem is.</summary>
    public SourceLocation? Location { get; }
}
