using System.Globalization;
using System.Text.RegularExpressions;

namespace K8sGossip.Sidecar.Configuration.Values;

/// <summary>A <c>host:port</c> endpoint as Fabric writes them (a DNS name, an IPv4 address or a bracketed IPv6 address).</summary>
/// <param name="Host">The host name or address (IPv6 without brackets).</param>
/// <param name="Port">The TCP port, 1–65535.</param>
public sealed partial record HostPort(string Host, int Port)
{
    /// <summary>The expected form, for error messages.</summary>
    public const string ExpectedForm = "host:port, such as peer0.org1.example.com:7051, 10.0.0.5:7051 or [::1]:7051";

    /// <summary>Parses <paramref name="text"/>.</summary>
    public static bool TryParse(string text, out HostPort? endpoint)
    {
        endpoint = null;
        var s = text.Trim();
        var colon = s.LastIndexOf(':');
        if (colon <= 0 || colon == s.Length - 1)
        {
            return false;
        }

        var host = s[..colon];
        if (!int.TryParse(s[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ||
            port is < 1 or > 65535)
        {
            return false;
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
            if (!System.Net.IPAddress.TryParse(host, out var address) ||
                address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return false;
            }
        }
        else if (!HostPattern().IsMatch(host))
        {
            return false;
        }

        endpoint = new HostPort(host, port);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal)
            ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9.\-]{0,251}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();
}
