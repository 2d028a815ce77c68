using System.Text;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Planning;

/// <summary>One problem found while loading or planning, naming the resource, the field and, when known, the file and line.</summary>
/// <param name="Severity">Whether it stops planning.</param>
/// <param name="Message">What is wrong, in Kubernetes field-error form, for example <c>Not found: "org9"</c>.</param>
public sealed record PlanningIssue(IssueSeverity Severity, string Message)
{
    /// <summary>The resource concerned, when there is one.</summary>
    public ResourceRef? Resource { get; init; }

    /// <summary>The field path, for example <c>spec.peer</c>; empty when the issue concerns the whole resource or file.</summary>
    public string Field { get; init; } = "";

    /// <summary>The kind of field error, when the issue is one.</summary>
    public FieldErrorType? ErrorType { get; init; }

    /// <summary>Where in a manifest file, when the resource came from one.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>An issue about one field of one resource.</summary>
    public static PlanningIssue ForField(IssueSeverity severity, ResourceRef? resource, FieldError error, SourceLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new PlanningIssue(severity, error.Body)
        {
            Resource = resource,
            Field = error.Field,
            ErrorType = error.Type,
            Location = location,
        };
    }

    /// <summary>An error about one field of one resource.</summary>
    public static PlanningIssue Error(ResourceRef? resource, string field, FieldErrorType type, string? badValue, string detail) =>
        ForField(IssueSeverity.Error, resource, new FieldError(field, type, badValue, detail));

    /// <summary>A warning about one resource.</summary>
    public static PlanningIssue Warning(ResourceRef? resource, string field, string message) =>
        new(IssueSeverity.Warning, message) { Resource = resource, Field = field };

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Location is not null)
        {
            text.Append(Location).Append(": ");
        }

        text.Append(Severity == IssueSeverity.Error ? "error: " : "warning: ");
        if (Resource is not null)
        {
            text.Append(Resource).Append(": ");
        }

        if (Field.Length > 0)
        {
            text.Append(Field).Append(": ");
        }

        return text.Append(Message).ToString();
    }
}
