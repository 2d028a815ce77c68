using System.Text.Json;
using System.Text.Json.Serialization;

namespace K8sGossip.Kubernetes.Models;

/// <summary>Base of nested object fields: keeps the JSON fields the model does not know.</summary>
/// <remarks>A read-modify-write (replace) must not drop fields a newer server or another writer set.</remarks>
public abstract record ExtensibleRecord
{
    /// <summary>Fields not modelled by this type, written back unchanged.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
