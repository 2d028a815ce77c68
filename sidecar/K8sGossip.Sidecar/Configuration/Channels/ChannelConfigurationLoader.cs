using K8sGossip.Sidecar.Configuration.Loading;

namespace K8sGossip.Sidecar.Configuration.Channels;

/// <summary>Loads the channel file named by <c>k8sgossip.channelsFile</c> and checks it against the sidecar's configuration; every problem is reported at once.</summary>
public static class ChannelConfigurationLoader
{
    /// <summary>Loads <see cref="SidecarConfiguration.ChannelsFile"/>.</summary>
    public static ChannelConfiguration Load(SidecarConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string text;
        try
        {
            text = File.ReadAllText(configuration.ChannelsFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException("k8sgossip.channelsFile", $"'{configuration.ChannelsFile}' cannot be read: {e.Message}");
        }

        return LoadText(text, configuration.ChannelsFile, configuration);
    }

    /// <summary>Loads channel-file text as if read from <paramref name="sourcePath"/> (relative paths resolve against its directory).</summary>
    public static ChannelConfiguration LoadText(string yamlText, string sourcePath, SidecarConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(sourcePath);
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new ConfigurationErrorList();
        var root = YamlFile.LoadMapping(yamlText, sourcePath, errors);
        errors.ThrowIfAny();
        var result = new ChannelFileReader(sourcePath, configuration, errors).Read(root!);
        errors.ThrowIfAny();
        return result;
    }
}
