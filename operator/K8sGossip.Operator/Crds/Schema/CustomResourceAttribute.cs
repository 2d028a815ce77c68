namespace K8sGossip.Operator.Crds.Schema;

/// <summary>Marks a type as a custom resource and gives the names its CustomResourceDefinition declares.</summary>
/// <param name="kind">The CamelCase kind, for example <c>Organization</c>.</param>
/// <param name="plural">The lower-case plural used in URLs, for example <c>organizations</c>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CustomResourceAttribute(string kind, string plural) : Attribute
{
    /// <summary>The CamelCase kind.</summary>
    public string Kind { get; } = kind;

    /// <summary>The lower-case plural.</summary>
    public string Plural { get; } = plural;

    /// <summary>The short name for kubectl, for example <c>org</c>.</summary>
    public string? ShortName { get; init; }
}
