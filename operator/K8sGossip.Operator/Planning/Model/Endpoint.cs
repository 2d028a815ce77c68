using System.Globalization;

namespace K8sGossip.Operator.Planning;

/// <summary>A host and port.</summary>
/// <param name="Host">A DNS name or an IPv4 address.</param>
/// <param name="Port">The TCP port.</param>
public sealed record Endpoint(string Host, int Port)
{
    /// <summary>Parses <c>host:port</c>; false when the text is not one or the port is out of range.</summary>
    public static bool TryParse(string? text, out Endpoint endpoint)
    {
        endpoint = new Endpoint("", 0);
        var colon = text?.LastIndexOf(':') ?? -1;
        if (text is null || colon <= 0
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        endpoint = new Endpoint(text[..colon], port);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
}
