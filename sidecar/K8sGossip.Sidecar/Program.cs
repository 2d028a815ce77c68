using K8sGossip.Sidecar.Configuration;
using K8sGossip.Sidecar.Configuration.Channels;
using K8sGossip.Sidecar.Hosting;

namespace K8sGossip.Sidecar;

/// <summary>The sidecar executable: <c>k8sgossip-sidecar --config core.yaml [--channels channels.yaml]</c>.</summary>
public static class Program
{
    /// <summary>Exit code of a clean stop.</summary>
    public const int ExitOk = 0;

    /// <summary>Exit code of a failure while running.</summary>
    public const int ExitFailed = 1;

    /// <summary>Exit code of bad arguments or configuration.</summary>
    public const int ExitConfiguration = 2;

    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        SharedBufferPoolLimit.Apply();
        ArgumentNullException.ThrowIfNull(args);
        var arguments = SidecarArguments.Parse(args, out var error);
        if (arguments is null)
        {
            await Console.Error.WriteLineAsync($"k8sgossip-sidecar: {error}\n{SidecarArguments.Usage}").ConfigureAwait(false);
            return ExitConfiguration;
        }

        SidecarConfiguration configuration;
        ChannelConfiguration channels;
        try
        {
            configuration = SidecarConfigurationLoader.Load(arguments.ConfigFile);
            if (arguments.ChannelsFile is { } channelsFile)
            {
                configuration = configuration with { ChannelsFile = Path.GetFullPath(channelsFile) };
            }

            channels = ChannelConfigurationLoader.Load(configuration);
        }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitConfiguration;
        }

        try
        {
            await SidecarApplication.RunAsync(arguments, configuration, channels).ConfigureAwait(false);
            return ExitOk;
        }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitConfiguration;
        }
#pragma warning disable CA1031 // The process boundary: whatever stopped the role is reported with its cause and mapped to an exit code.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"k8sgossip-sidecar: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return ExitFailed;
        }
    }
}
