namespace K8sGossip.Sidecar.Configuration;

/// <summary>The configuration could not be used; carries every problem found, so the user can fix them all at once.</summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    public ConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates an exception with a single problem.</summary>
    public ConfigurationException(string key, string message)
        : this([new ConfigurationError(key, message)])
    {
    }

    /// <summary>Creates an exception with no specific key.</summary>
    public ConfigurationException()
        : this("configuration", "is not valid")
    {
    }

    /// <summary>Creates an exception with no specific key.</summary>
    public ConfigurationException(string message)
        : this("configuration", message)
    {
    }

    /// <summary>Creates an exception with no specific key.</summary>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ConfigurationError("configuration", message)];
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ConfigurationError> Errors { get; }

    /// <summary>The text shown to the user: one line per problem, no stack trace.</summary>
    public static string Describe(IReadOnlyList<ConfigurationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var header = errors.Count == 1 ? "The configuration has 1 error:" : $"The configuration has {errors.Count} errors:";
        return header + string.Concat(errors.Select(e => Environment.NewLine + "  - " + e));
    }
}
