namespace K8sGossip.Operator.Crds.Schema;

/// <summary>The OpenAPI <c>format</c> of a string or integer property, for example <c>date-time</c>.</summary>
/// <param name="format">The format name.</param>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SchemaFormatAttribute(string format) : Attribute
{
    /// <summary>The format name.</summary>
    public string Format { get; } = format;
}
