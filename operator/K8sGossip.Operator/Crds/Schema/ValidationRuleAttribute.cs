namespace K8sGossip.Operator.Crds.Schema;

/// <summary>A CEL rule (<c>x-kubernetes-validations</c>) the API server checks on the annotated object.</summary>
/// <remarks>The local planner has no CEL evaluator; each rule has an equivalent semantic check in the planner.</remarks>
/// <param name="rule">The CEL expression, evaluated with <c>self</c> bound to the object.</param>
/// <param name="message">The message returned when the rule is false.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class ValidationRuleAttribute(string rule, string message) : Attribute
{
    /// <summary>The CEL expression.</summary>
    public string Rule { get; } = rule;

    /// <summary>The message returned when the rule is false.</summary>
    public string Message { get; } = message;

    /// <summary>The field path the error is reported on, relative to the object, for example <c>.staticLeaders</c>.</summary>
    public string? FieldPath { get; init; }

    /// <summary>Declaration order: attributes carry no reliable order through reflection.</summary>
    public int Order { get; init; }
}
