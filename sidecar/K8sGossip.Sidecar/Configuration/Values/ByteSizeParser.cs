namespace K8sGossip.Sidecar.Configuration.Values;

/// <summary>Byte sizes within a range.</summary>
/// <param name="min">The least accepted size in bytes.</param>
/// <param name="max">The greatest accepted size in bytes.</param>
internal sealed class ByteSizeParser(long min, long max) : ScalarParser<long>
{
    /// <inheritdoc/>
    public override string TypeName => "byte size";

    /// <inheritdoc/>
    public override string Constraint => $"{ByteSize.Format(min)} to {ByteSize.Format(max)}";

    /// <inheritdoc/>
    public override string ExpectedForm => $"{ByteSize.ExpectedForm}, from {ByteSize.Format(min)} to {ByteSize.Format(max)}";

    /// <inheritdoc/>
    public override bool TryParseText(string text, ParseContext context, out long value, out string problem)
    {
        if (!ByteSize.TryParse(text, out value))
        {
            return Fail(out value, out problem);
        }

        if (value < min || value > max)
        {
            return Fail(out value, out problem, $"must be from {ByteSize.Format(min)} to {ByteSize.Format(max)}");
        }

        problem = string.Empty;
        return true;
    }

    /// <inheritdoc/>
    public override string Format(long value) => ByteSize.Format(value);
}
