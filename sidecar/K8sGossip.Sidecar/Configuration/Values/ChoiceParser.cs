namespace K8sGossip.Sidecar.Configuration.Values;

/// <summary>One of a fixed set of names (case-insensitive), mapped to values; the empty text maps to a fallback where allowed.</summary>
/// <typeparam name="T">The value a name stands for.</typeparam>
/// <param name="choices">The accepted names and their values.</param>
/// <param name="allowEmpty">Whether the empty text is valid.</param>
/// <param name="emptyValue">The value of the empty text.</param>
internal sealed class ChoiceParser<T>(IReadOnlyList<KeyValuePair<string, T>> choices, bool allowEmpty = false, T emptyValue = default!)
    : ScalarParser<T>
{
    /// <inheritdoc/>
    public override string TypeName => "choice";

    /// <inheritdoc/>
    public override string Constraint => string.Join(" \\| ", choices.Select(c => c.Key));

    /// <inheritdoc/>
    public override string ExpectedForm => "one of " + string.Join(", ", choices.Select(c => c.Key));

    /// <inheritdoc/>
    public override bool TryParseText(string text, ParseContext context, out T value, out string problem)
    {
        if (text.Length == 0 && allowEmpty)
        {
            value = emptyValue;
            problem = string.Empty;
            return true;
        }

        foreach (var choice in choices)
        {
            if (string.Equals(choice.Key, text, StringComparison.OrdinalIgnoreCase))
            {
                value = choice.Value;
                problem = string.Empty;
                return true;
            }
        }

        return Fail(out value, out problem);
    }

    /// <inheritdoc/>
    public override string Format(T value)
    {
        foreach (var choice in choices)
        {
            if (EqualityComparer<T>.Default.Equals(choice.Value, value))
            {
                return choice.Key;
            }
        }

        return string.Empty;
    }
}
