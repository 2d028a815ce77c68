using System.Text.Json.Serialization;

namespace K8sGossip.Operator.Crds;

/// <summary>How blocks travel from the orderer to the peers of a channel.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DisseminationMode>))]
public enum DisseminationMode
{
    /// <summary>One leader per organization pulls from the orderer; its peers receive by push and pull.</summary>
    [JsonStringEnumMemberName("gossip")]
    Gossip,

    /// <summary>Every peer pulls from the orderer; gossip carries membership and heights only.</summary>
    [JsonStringEnumMemberName("direct")]
    Direct,

    /// <summary>Every peer pulls from the orderer while close to its height, else from an organization peer that is.</summary>
    [JsonStringEnumMemberName("adaptive")]
    Adaptive,
}
