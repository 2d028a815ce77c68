namespace K8sGossip.Operator.Crds.Schema;

/// <summary>An additional printer column shown by <c>kubectl get</c> for a custom resource.</summary>
/// <param name="name">The column header.</param>
/// <param name="type">The OpenAPI type of the value: <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c> or <c>date</c>.</param>
/// <param name="jsonPath">The simple JSONPath of the value, relative to the object.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PrinterColumnAttribute(string name, string type, string jsonPath) : Attribute
{
    /// <summary>The column header.</summary>
    public string Name { get; } = name;

    /// <summary>The OpenAPI type of the value.</summary>
    public string Type { get; } = type;

    /// <summary>The JSONPath of the value.</summary>
    public string JsonPath { get; } = jsonPath;

    /// <summary>Zero for the default view, higher values only in <c>-o wide</c>.</summary>
    public int Priority { get; init; }

    /// <summary>What the column shows, for <c>kubectl explain</c>-style help.</summary>
    public string? Description { get; init; }

    /// <summary>Declaration order: attributes carry no reliable order through reflection.</summary>
    public int Order { get; init; }
}
