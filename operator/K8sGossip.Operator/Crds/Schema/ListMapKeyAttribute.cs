namespace K8sGossip.Operator.Crds.Schema;

/// <summary>Declares a list as a map keyed by one field (<c>x-kubernetes-list-type: map</c>), so server-side apply merges items by key.</summary>
/// <param name="key">The item field that identifies an item.</param>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ListMapKeyAttribute(string key) : Attribute
{
    /// <summary>The item field that identifies an item.</summary>
    public string Key { get; } = key;
}
