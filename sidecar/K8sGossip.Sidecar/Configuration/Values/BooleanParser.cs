namespace K8sGossip.Sidecar.Configuration.Values;

/// <summary>Booleans in Go's <c>strconv.ParseBool</c> spellings; optionally only one value is supported.</summary>
/// <param name="required">When set, the only accepted value.</param>
/// <param name="reason">Why only <paramref name="required"/> is accepted.</param>
internal sealed class BooleanParser(bool? required = null, string? reason = null) : ScalarParser<bool>
{
    private static readonly string[] TrueSpellings = ["1", "t", "T", "TRUE", "true", "True"];
    private static readonly string[] FalseSpellings = ["0", "f", "F", "FALSE", "false", "False"];

    /// <inheritdoc/>
    public override string TypeName => "boolean";

    /// <inheritdoc/>
    public override string Constraint => required is { } only ? $"only {Format(only)}" : string.Empty;

    /// <inheritdoc/>
    public override string ExpectedForm => "true or false";

    /// <inheritdoc/>
    public override bool TryParseText(string text, ParseContext context, out bool value, out string problem)
    {
        if (TrueSpellings.Contains(text, StringComparer.Ordinal))
        {
            value = true;
        }
        else if (FalseSpellings.Contains(text, StringComparer.Ordinal))
        {
            value = false;
        }
        else
        {
            return Fail(out value, out problem);
        }

        if (required is { } only && value != only)
        {
            return Fail(out value, out problem, $"must be {Format(only)}: {reason}");
        }

        problem = string.Empty;
        return true;
    }

    /// <inheritdoc/>
    public override string Format(bool value) => value ? "true" : "false";
}
