namespace K8sGossip.Operator.Crds.Schema;

/// <summary>Keeps fields the schema does not declare (<c>x-kubernetes-preserve-unknown-fields</c>), for pass-through objects.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, Inherited = false)]
public sealed class PreserveUnknownFieldsAttribute : Attribute;
