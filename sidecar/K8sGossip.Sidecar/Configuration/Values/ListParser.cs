namespace K8sGossip.Sidecar.Configuration.Values;

/// <summary>Lists of scalars. A YAML list, or one string of items separated by commas or spaces (how Viper reads a list from an environment variable).</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="item">The parser of each item.</param>
internal sealed class ListParser<T>(ScalarParser<T> item) : ValueParser<IReadOnlyList<T>>
{
    private static readonly char[] Separators = [',', ' ', '\t', '\n', '\r'];

    /// <inheritdoc/>
    public override string TypeName => $"list of {item.TypeName}";

    /// <inheritdoc/>
    public override string Constraint => item.Constraint;

    /// <inheritdoc/>
    public override bool IsList => true;

    /// <inheritdoc/>
    public override string ExpectedForm => $"a list of {item.ExpectedForm} (a YAML list, or items separated by commas or spaces)";

    /// <inheritdoc/>
    public override bool TryParse(RawValue raw, ParseContext context, out IReadOnlyList<T> value, out string problem)
    {
        var texts = raw.IsSequence
            ? raw.Items.Select(i => i.Trim()).ToList()
            : raw.Items.SelectMany(i => i.Split(Separators, StringSplitOptions.RemoveEmptyEntries)).ToList();
        var items = new List<T>(texts.Count);
        foreach (var text in texts)
        {
            if (!item.TryParseText(text, context, out var parsed, out var itemProblem))
            {
                value = [];
                problem = $"item '{text}': {itemProblem}";
                return false;
            }

            items.Add(parsed);
        }

        value = items;
        problem = string.Empty;
        return true;
    }

    /// <inheritdoc/>
    public override string Format(IReadOnlyList<T> value) => "[" + string.Join(", ", value.Select(item.Format)) + "]";
}

