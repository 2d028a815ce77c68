namespace K8sGossip.Sidecar.Configuration.Values;

/// <summary>A parser of single values: refuses lists, then parses the text.</summary>
/// <typeparam name="T">The typed value.</typeparam>
internal abstract class ScalarParser<T> : ValueParser<T>
{
    /// <inheritdoc/>
    public sealed override bool TryParse(RawValue raw, ParseContext context, out T value, out string problem)
    {
        if (raw.IsSequence)
        {
            value = default!;
            problem = $"expected a single value ({ExpectedForm}), got a list";
            return false;
        }

        return TryParseText(raw.Items.Count == 0 ? string.Empty : raw.Items[0].Trim(), context, out value, out problem);
    }

    /// <summary>Parses one scalar.</summary>
    public abstract bool TryParseText(string text, ParseContext context, out T value, out string problem);

    /// <summary>The standard failure: the expected form.</summary>
    protected bool Fail(out T value, out string problem, string? detail = null)
    {
        value = default!;
        problem = detail ?? $"expected {ExpectedForm}";
        return false;
    }
}
