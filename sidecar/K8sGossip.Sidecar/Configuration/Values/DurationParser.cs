namespace K8sGossip.Sidecar.Configuration.Values;

/// <summary>Go-syntax durations within a range.</summary>
/// <param name="min">The least accepted duration.</param>
/// <param name="max">The greatest accepted duration.</param>
internal sealed class DurationParser(TimeSpan min, TimeSpan max) : ScalarParser<TimeSpan>
{
    /// <inheritdoc/>
    public override string TypeName => "duration";

    /// <inheritdoc/>
    public override string Constraint => $"{GoDuration.Format(min)} to {GoDuration.Format(max)}";

    /// <inheritdoc/>
    public override string ExpectedForm => $"{GoDuration.ExpectedForm}, from {GoDuration.Format(min)} to {GoDuration.Format(max)}";

    /// <inheritdoc/>
    public override bool TryParseText(string text, ParseContext context, out TimeSpan value, out string problem)
    {
        if (!GoDuration.TryParse(text, out value))
        {
            return Fail(out value, out problem);
        }

        if (value < min || value > max)
        {
            return Fail(out value, out problem, $"must be from {GoDuration.Format(min)} to {GoDuration.Format(max)}");
        }

        problem = string.Empty;
        return true;
    }

    /// <inheritdoc/>
    public override string Format(TimeSpan value) => GoDuration.Format(value);
}
