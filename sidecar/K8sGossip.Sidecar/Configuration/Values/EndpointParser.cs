namespace K8sGossip.Sidecar.Configuration.Values;

/// <summary><c>host:port</c> endpoints; the empty text means "none" where allowed.</summary>
/// <param name="allowEmpty">Whether the empty text is a valid value (parsed as null).</param>
internal sealed class EndpointParser(bool allowEmpty) : ScalarParser<HostPort?>
{
    /// <inheritdoc/>
    public override string TypeName => "endpoint";

    /// <inheritdoc/>
    public override string Constraint => "host:port";

    /// <inheritdoc/>
    public override string ExpectedForm => HostPort.ExpectedForm;

    /// <inheritdoc/>
    public override bool TryParseText(string text, ParseContext context, out HostPort? value, out string problem)
    {
        if (text.Length == 0 && allowEmpty)
        {
            value = null;
            problem = string.Empty;
            return true;
        }

        if (!HostPort.TryParse(text, out value))
        {
            return Fail(out value, out problem);
        }

        problem = string.Empty;
        return true;
    }

    /// <inheritdoc/>
    public override string Format(HostPort? value) => value?.ToString() ?? string.Empty;
}
