namespace K8sGossip.Operator.Planning;

/// <summary>Names one resource in issues and plans: kind, namespace and name.</summary>
/// <param name="Kind">The kind, for example <c>AnchorPeer</c>.</param>
/// <param name="Namespace">The namespace the resource is planned in.</param>
/// <param name="Name">The object name.</param>
public sealed record ResourceRef(string Kind, string Namespace, string Name)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}/{Name}";
}
