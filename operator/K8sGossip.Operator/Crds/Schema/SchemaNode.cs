using System.Text.Json.Nodes;

namespace K8sGossip.Operator.Crds.Schema;

/// <summary>One node of a structural OpenAPI v3 schema, as a CustomResourceDefinition declares it.</summary>
/// <remarks>
/// The same model produces the CRD manifests and validates documents for the local planner, so a cluster
/// and a local network accept and default exactly the same input.
/// </remarks>
public sealed record SchemaNode
{
    /// <summary><c>object</c>, <c>array</c>, <c>string</c>, <c>integer</c>, <c>number</c> or <c>boolean</c>; null for int-or-string.</summary>
    public string? Type { get; init; }

    /// <summary>Help text shown by <c>kubectl explain</c>.</summary>
    public string? Description { get; init; }

    /// <summary>The OpenAPI format, for example <c>int32</c> or <c>date-time</c>.</summary>
    public string? Format { get; init; }

    /// <summary>The allowed values of a string.</summary>
    public IReadOnlyList<string>? Enum { get; init; }

    /// <summary>The value the API server fills in when the field is absent.</summary>
    public JsonNode? Default { get; init; }

    /// <summary>The smallest allowed integer.</summary>
    public long? Minimum { get; init; }

    /// <summary>The largest allowed integer.</summary>
    public long? Maximum { get; init; }

    /// <summary>The shortest allowed string.</summary>
    public int? MinLength { get; init; }

    /// <summary>The longest allowed string.</summary>
    public int? MaxLength { get; init; }

    /// <summary>An ECMA-262 regular expression strings must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>The fewest allowed array items.</summary>
    public int? MinItems { get; init; }

    /// <summary>The most allowed array items.</summary>
    public int? MaxItems { get; init; }

    /// <summary>The schema of array items.</summary>
    public SchemaNode? Items { get; init; }

    /// <summary>The declared properties of an object, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, SchemaNode>>? Properties { get; init; }

    /// <summary>The schema of the values of a map-like object.</summary>
    public SchemaNode? AdditionalProperties { get; init; }

    /// <summary>The properties that must be present.</summary>
    public IReadOnlyList<string>? Required { get; init; }

    /// <summary>Whether undeclared fields are kept instead of rejected.</summary>
    public bool PreserveUnknownFields { get; init; }

    /// <summary>Whether the value may be an integer or a string (<c>x-kubernetes-int-or-string</c>).</summary>
    public bool IntOrString { get; init; }

    /// <summary>The key of a list declared as a map (<c>x-kubernetes-list-map-keys</c>).</summary>
    public string? ListMapKey { get; init; }

    /// <summary>CEL rules checked by the API server.</summary>
    public IReadOnlyList<ValidationRuleAttribute>? Rules { get; init; }

    /// <summary>Finds a declared property by its JSON name.</summary>
    public SchemaNode? Property(string name)
    {
        if (Properties is null)
        {
            return null;
        }

        foreach (var (key, value) in Properties)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }
}
