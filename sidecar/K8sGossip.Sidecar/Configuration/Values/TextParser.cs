using System.Text.RegularExpressions;

namespace K8sGossip.Sidecar.Configuration.Values;

/// <summary>Free text, optionally restricted by a pattern.</summary>
/// <param name="form">What the text must look like, for the documentation and messages.</param>
/// <param name="pattern">The pattern the text must match, or null for any non-empty text.</param>
/// <param name="allowEmpty">Whether the empty text is a valid value.</param>
internal sealed class TextParser(string form, Regex? pattern, bool allowEmpty) : ScalarParser<string>
{
    /// <inheritdoc/>
    public override string TypeName => "string";

    /// <inheritdoc/>
    public override string Constraint => form;

    /// <inheritdoc/>
    public override string ExpectedForm => form;

    /// <inheritdoc/>
    public override bool TryParseText(string text, ParseContext context, out string value, out string problem)
    {
        if (text.Length == 0)
        {
            value = string.Empty;
            problem = allowEmpty ? string.Empty : $"must not be empty; expected {form}";
            return allowEmpty;
        }

        if (pattern is not null && !pattern.IsMatch(text))
        {
            return Fail(out value, out problem);
        }

        value = text;
        problem = string.Empty;
        return true;
    }

    /// <inheritdoc/>
    public override string Format(string value) => value;
}
