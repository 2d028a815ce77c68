using System.Text.Json.Serialization;

namespace K8sGossip.Operator.Crds;

/// <summary>When the kubelet pulls a container image.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImagePullPolicy>))]
public enum ImagePullPolicy
{
    /// <summary>Pull on every start.</summary>
    [JsonStringEnumMemberName("Always")]
    Always,

    /// <summary>Pull only if the node lacks the image.</summary>
    [JsonStringEnumMemberName("IfNotPresent")]
    IfNotPresent,

    /// <summary>Never pull; the image must be on the node.</summary>
    [JsonStringEnumMemberName("Never")]
    Never,
}
