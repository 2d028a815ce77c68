namespace K8sGossip.Operator.Planning;

/// <summary>A position in a manifest file: 1-based line and column.</summary>
/// <param name="File">The file path as given to the loader.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}";
}
