using System.Globalization;

namespace K8sGossip.Sidecar.Configuration.Values;

/// <summary>Whole numbers within a range.</summary>
/// <param name="min">The least accepted value.</param>
/// <param name="max">The greatest accepted value.</param>
internal sealed class IntegerParser(int min, int max) : ScalarParser<int>
{
    /// <inheritdoc/>
    public override string TypeName => "integer";

    /// <inheritdoc/>
    public override string Constraint => $"{Format(min)} to {Format(max)}";

    /// <inheritdoc/>
    public override string ExpectedForm => $"a whole number from {Format(min)} to {Format(max)}";

    /// <inheritdoc/>
    public override bool TryParseText(string text, ParseContext context, out int value, out string problem)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return Fail(out value, out problem);
        }

        if (value < min || value > max)
        {
            return Fail(out value, out problem, $"must be from {Format(min)} to {Format(max)}");
        }

        problem = string.Empty;
        return true;
    }

    /// <inheritdoc/>
    public override string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
