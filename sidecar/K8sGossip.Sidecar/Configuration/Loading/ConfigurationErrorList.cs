namespace K8sGossip.Sidecar.Configuration.Loading;

/// <summary>Collects problems while loading so they are all reported together.</summary>
internal sealed class ConfigurationErrorList
{
    private readonly List<ConfigurationError> errors = [];

    /// <summary>The problems so far.</summary>
    public IReadOnlyList<ConfigurationError> Errors => errors;

    /// <summary>Whether any problem was found.</summary>
    public bool Any => errors.Count > 0;

    /// <summary>Records a problem.</summary>
    public void Add(string key, string message, string? source = null) => errors.Add(new ConfigurationError(key, message, source));

    /// <summary>Throws a <see cref="ConfigurationException"/> carrying every problem, if there is any.</summary>
    public void ThrowIfAny()
    {
        if (errors.Count > 0)
        {
            throw new ConfigurationException([.. errors]);
        }
    }
}
