namespace K8sGossip.Operator.Crds.Schema;

/// <summary>Declares <c>default: {}</c> on an object property, so the API server fills in the defaults of its fields.</summary>
/// <remarks>Scalar defaults use <see cref="System.ComponentModel.DefaultValueAttribute"/>.</remarks>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class DefaultObjectAttribute : Attribute;
