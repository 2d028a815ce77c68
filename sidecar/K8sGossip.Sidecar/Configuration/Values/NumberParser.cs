using System.Globalization;

namespace K8sGossip.Sidecar.Configuration.Values;

/// <summary>Decimal numbers within a range.</summary>
/// <param name="min">The least accepted value.</param>
/// <param name="max">The greatest accepted value.</param>
internal sealed class NumberParser(double min, double max) : ScalarParser<double>
{
    /// <inheritdoc/>
    public override string TypeName => "number";

    /// <inheritdoc/>
    public override string Constraint => $"{Format(min)} to {Format(max)}";

    /// <inheritdoc/>
    public override string ExpectedForm => $"a number from {Format(min)} to {Format(max)}, such as 2 or 1.5";

    /// <inheritdoc/>
    public override bool TryParseText(string text, ParseContext context, out double value, out string problem)
    {
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) ||
            !double.IsFinite(value))
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
    public override string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
