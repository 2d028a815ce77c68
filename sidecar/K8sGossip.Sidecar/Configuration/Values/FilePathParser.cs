namespace K8sGossip.Sidecar.Configuration.Values;

/// <summary>File or directory paths; relative paths are resolved against the configuration file's directory, as Fabric does.</summary>
/// <param name="allowEmpty">Whether the empty text is a valid value (no path).</param>
internal sealed class FilePathParser(bool allowEmpty) : ScalarParser<string>
{
    /// <inheritdoc/>
    public override string TypeName => "path";

    /// <inheritdoc/>
    public override string Constraint => "relative to the configuration file's directory";

    /// <inheritdoc/>
    public override string ExpectedForm => "a file system path";

    /// <inheritdoc/>
    public override bool TryParseText(string text, ParseContext context, out string value, out string problem)
    {
        if (text.Length == 0)
        {
            value = string.Empty;
            problem = allowEmpty ? string.Empty : "must not be empty; expected a file system path";
            return allowEmpty;
        }

        if (text.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return Fail(out value, out problem, "contains characters that are not valid in a path");
        }

        value = Path.GetFullPath(text, context.BaseDirectory);
        problem = string.Empty;
        return true;
    }

    /// <inheritdoc/>
    public override string Format(string value) => value;
}
