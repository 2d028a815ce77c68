using System.Collections;
using K8sGossip.Sidecar.Configuration.Keys;
using K8sGossip.Sidecar.Configuration.Loading;
using K8sGossip.Sidecar.Configuration.Values;

namespace K8sGossip.Sidecar.Configuration;

/// <summary>
/// Loads the sidecar's configuration: <c>core.yaml</c> in Fabric's layout, then environment overrides (<c>CORE_PEER_*</c>,
/// <c>K8SGOSSIP_*</c>), then the profile's defaults for everything unset. Every problem (unknown key, bad value, contradiction)
/// is collected and reported at once in a <see cref="ConfigurationException"/>.
/// </summary>
public static class SidecarConfigurationLoader
{
    /// <summary>Loads <paramref name="coreYamlPath"/> with the process environment.</summary>
    public static SidecarConfiguration Load(string coreYamlPath) => Load(coreYamlPath, ProcessEnvironment());

    /// <summary>Loads <paramref name="coreYamlPath"/> with the given environment variables.</summary>
    public static SidecarConfiguration Load(string coreYamlPath, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(coreYamlPath);
        string text;
        var fullPath = Path.GetFullPath(coreYamlPath);
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(fullPath, $"cannot be read: {e.Message}");
        }

        return LoadText(text, fullPath, environment);
    }

    /// <summary>Loads configuration text as if read from <paramref name="sourcePath"/> (relative paths resolve against its directory).</summary>
    public static SidecarConfiguration LoadText(string yamlText, string sourcePath, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(sourcePath);
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new ConfigurationErrorList();
        var written = new Dictionary<ConfigKey, RawValue>();
        var root = YamlFile.LoadMapping(yamlText, sourcePath, errors);
        if (root is not null)
        {
            CoreYamlReader.Read(root, sourcePath, written, errors);
        }

        EnvironmentReader.Read(environment, written, errors);
        if (root is null)
        {
            // Without the file every key would look missing; report the syntax problem alone.
            errors.ThrowIfAny();
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(sourcePath)) ?? Directory.GetCurrentDirectory();
        var values = KeyResolver.Resolve(written, new ParseContext(directory), errors);
        ConfigurationConsistency.Check(values, errors);
        errors.ThrowIfAny();
        return SidecarConfigurationBuilder.Build(values);
    }

    /// <summary>The process's environment variables.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = entry.Value as string;
        }

        return result;
    }
}
