using System.Text.Json;

namespace K8sGossip.Operator.Local.Status;

/// <summary>
/// The JSON form of a <see cref="NetworkStatus"/>: what <c>status --output json</c> prints and <c>/api/status</c> serves.
/// A stable interface for scripts; its shape is documented in <c>Local/Status/README.md</c>.
/// </summary>
public static class NetworkStatusJson
{
    /// <summary>The status as indented camelCase JSON.</summary>
    public static string Serialize(NetworkStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return JsonSerializer.Serialize(status, NetworkStatusJsonContext.Default.NetworkStatus);
    }

    /// <summary>Reads a status back.</summary>
    /// <exception cref="FormatException">The text is not JSON, or not a network status (a field missing, null where it may not be, or of the wrong type); the message says which.</exception>
    public static NetworkStatus Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, NetworkStatusJsonContext.Default.NetworkStatus)
                ?? throw new FormatException("The text is the JSON null, not a network status.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"The text is not a network status: {e.Message}", e);
        }
    }
}
