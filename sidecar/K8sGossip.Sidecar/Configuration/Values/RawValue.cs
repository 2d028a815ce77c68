namespace K8sGossip.Sidecar.Configuration.Values;

/// <summary>A value as written by the user (or by a profile), before it is parsed: one scalar or a list of scalars, and where it came from.</summary>
/// <param name="Items">The scalar, or the list's items.</param>
/// <param name="IsSequence">Whether the value was written as a list.</param>
/// <param name="Source">Where it was written, e.g. <c>core.yaml line 12</c> or <c>environment variable CORE_PEER_ID</c>.</param>
/// <param name="IsExplicit">False when the value is a profile default.</param>
internal sealed record RawValue(IReadOnlyList<string> Items, bool IsSequence, string Source, bool IsExplicit)
{
    /// <summary>A single scalar.</summary>
    public static RawValue Scalar(string text, string source, bool isExplicit = true) => new([text], false, source, isExplicit);

    /// <summary>A list.</summary>
    public static RawValue Sequence(IReadOnlyList<string> items, string source) => new(items, true, source, true);

    /// <summary>The value as the user wrote it, for messages.</summary>
    public string Text => IsSequence ? "[" + string.Join(", ", Items) + "]" : Items.Count == 0 ? string.Empty : Items[0];
}
