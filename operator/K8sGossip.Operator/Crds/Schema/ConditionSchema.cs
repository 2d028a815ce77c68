namespace K8sGossip.Operator.Crds.Schema;

/// <summary>The schema of <c>metav1.Condition</c>, as Kubernetes' own CRDs declare it.</summary>
internal static class ConditionSchema
{
    /// <summary>Creates the schema of one condition.</summary>
    public static SchemaNode Create() => new()
    {
        Type = "object",
        Description = "One aspect of the object's state (metav1.Condition).",
        Properties =
        [
            new("type", new SchemaNode
            {
                Type = "string",
                Description = "Condition type in CamelCase, for example Ready.",
                MaxLength = 316,
                Pattern = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$",
            }),
            new("status", new SchemaNode
            {
                Type = "string",
                Description = "True, False or Unknown.",
                Enum = ["True", "False", "Unknown"],
            }),
            new("observedGeneration", new SchemaNode
            {
                Type = "integer",
                Format = "int64",
                Description = "The metadata.generation the condition was computed from.",
                Minimum = 0,
            }),
            new("lastTransitionTime", new SchemaNode
            {
                Type = "string",
                Format = "date-time",
                Description = "When the status last changed.",
            }),
            new("reason", new SchemaNode
            {
                Type = "string",
                Description = "CamelCase reason for the last transition.",
                MaxLength = 1024,
                Pattern = "^([A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?)?$",
            }),
            new("message", new SchemaNode
            {
                Type = "string",
                Description = "Human-readable detail of the last transition.",
                MaxLength = 32768,
            }),
        ],
        Required = ["type", "status"],
    };
}
