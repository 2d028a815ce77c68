namespace K8sGossip.Operator.Crds.Schema;

/// <summary>One problem with one field, rendered like a Kubernetes field error: <c>spec.peer: Invalid value: 5: detail</c>.</summary>
/// <param name="Field">The field path, for example <c>spec.leaderElection.staticLeaders[1]</c>.</param>
/// <param name="Type">The kind of problem.</param>
/// <param name="BadValue">The offending value as JSON text (strings quoted), or null when there is none to show.</param>
/// <param name="Detail">What is wrong and, where useful, how to fix it.</param>
public sealed record FieldError(string Field, FieldErrorType Type, string? BadValue, string Detail)
{
    /// <summary>The error without the field path, for example <c>Invalid value: 5: must be at most 4</c>.</summary>
    public string Body
    {
        get
        {
            var label = Type switch
            {
                FieldErrorType.Required => "Required value",
                FieldErrorType.Invalid => "Invalid value",
                FieldErrorType.NotSupported => "Unsupported value",
                FieldErrorType.NotFound => "Not found",
                FieldErrorType.Duplicate => "Duplicate value",
                FieldErrorType.Forbidden => "Forbidden",
                FieldErrorType.UnknownField => "Unknown field",
                _ => Type.ToString(),
            };
            var parts = new List<string> { label };
            if (BadValue is not null)
            {
                parts.Add(BadValue);
            }

            if (Detail.Length > 0)
            {
                parts.Add(Detail);
            }

            return string.Join(": ", parts);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Field.Length == 0 ? Body : $"{Field}: {Body}";
}
