using System.Net;

namespace K8sGossip.Sidecar.Hosting;

/// <summary>The command line: <c>k8sgossip-sidecar --config core.yaml [--channels channels.yaml] [--bind address]</c>.</summary>
/// <param name="ConfigFile">The core.yaml file.</param>
/// <param name="ChannelsFile">The channel file, overriding <c>k8sgossip.channelsFile</c>; null to use the configured one.</param>
/// <param name="Bind">The address the peer and admin ports listen on (the local API always listens on 127.0.0.1).</param>
internal sealed record SidecarArguments(string ConfigFile, string? ChannelsFile, IPAddress Bind)
{
    /// <summary>How to call the program.</summary>
    public const string Usage = "usage: k8sgossip-sidecar --config <core.yaml> [--channels <channels.yaml>] [--bind <address>]";

    /// <summary>Parses the arguments; null with <paramref name="error"/> set when they are wrong.</summary>
    public static SidecarArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        string? config = null;
        string? channels = null;
        var bind = IPAddress.Any;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var inline = name.IndexOf('=', StringComparison.Ordinal);
            string? value = inline > 0 ? name[(inline + 1)..] : (i + 1 < args.Count ? args[i + 1] : null);
            var key = inline > 0 ? name[..inline] : name;
            if (key is not ("--config" or "-c" or "--channels" or "--bind"))
            {
                error = $"unknown argument '{name}'";
                return null;
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                error = $"{key} needs a value";
                return null;
            }

            if (inline <= 0)
            {
                i++;
            }

            switch (key)
            {
                case "--config" or "-c":
                    config = value;
                    break;
                case "--channels":
                    channels = value;
                    break;
                default:
                    if (!IPAddress.TryParse(value, out var address))
                    {
                        error = $"--bind '{value}' is not an IP address";
                        return null;
                    }

                    bind = address;
                    break;
            }
        }

        if (config is null)
        {
            error = "--config is required";
            return null;
        }

        return new SidecarArguments(config, channels, bind);
    }
}
