namespace K8sGossip.Sidecar.Configuration.Values;

/// <summary>Absolute <c>https</c> URLs (the Kubernetes API server); the empty text means "none".</summary>
internal sealed class HttpsUrlParser : ScalarParser<Uri?>
{
    /// <inheritdoc/>
    public override string TypeName => "URL";

    /// <inheritdoc/>
    public override string Constraint => "https://host[:port]";

    /// <inheritdoc/>
    public override string ExpectedForm => "an absolute https URL such as https://kubernetes.default.svc:443";

    /// <inheritdoc/>
    public override bool TryParseText(string text, ParseContext context, out Uri? value, out string problem)
    {
        if (text.Length == 0)
        {
            value = null;
            problem = string.Empty;
            return true;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out value) || value.Scheme != Uri.UriSchemeHttps)
        {
            return Fail(out value, out problem);
        }

        problem = string.Empty;
        return true;
    }

    /// <inheritdoc/>
    public override string Format(Uri? value) => value?.ToString() ?? string.Empty;
}
