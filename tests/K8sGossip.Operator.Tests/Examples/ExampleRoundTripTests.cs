using System.Text.Json;
using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Planning.Manifests;
using K8sGossip.Operator.Tests.Support;

namespace K8sGossip.Operator.Tests.Examples;

/// <summary>Example YAML → C# objects → JSON → objects loses nothing: every field written in a manifest survives.</summary>
public sealed class ExampleRoundTripTests
{
    public static TheoryData<string> ExampleFiles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var example in new[] { "three-orgs", "one-org" })
            {
                foreach (var file in Directory.GetFiles(RepositoryPaths.Example(example), "*.yaml").Order(StringComparer.Ordinal))
                {
                    data.Add(Path.GetRelativePath(RepositoryPaths.Examples, file));
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Every_field_of_the_manifest_survives_the_trip_through_the_csharp_types(string file)
    {
        var path = Path.Combine(RepositoryPaths.Examples, file);
        var documents = YamlDocumentReader.Read(File.ReadAllText(path), path)
            .Select(d => d.Root).OfType<JsonObject>()
            .Where(d => d["apiVersion"]!.GetValue<string>() == GossipApi.ApiVersion)
            .ToList();
        var set = ManifestLoader.Load(path);

        Assert.DoesNotContain(set.Issues, i => i.Severity == K8sGossip.Operator.Planning.IssueSeverity.Error);
        Assert.Equal(documents.Count, set.Resources.Count);
        foreach (var (written, resource) in documents.Zip(set.Resources))
        {
            var json = ToJson(resource);
            AssertContains(written, json, "");
            var again = ToJson(FromJson(json, resource.GetType()));
            Assert.True(JsonNode.DeepEquals(json, again), $"{file}: second trip differs:\n{json.ToJsonString()}\n{again.ToJsonString()}");
        }
    }

    [Fact]
    public void A_fully_specified_organization_round_trips_through_json_including_status()
    {
        var organization = new Organization
        {
            Metadata = new ObjectMeta { Name = "org1", Namespace = "n", Labels = new() { ["team"] = "a" } },
            Spec = new OrganizationSpec
            {
                MspId = "Org1MSP",
                Peers = 5,
                Sidecar = new SidecarSettings { Image = "img:1", ImagePullPolicy = ImagePullPolicy.IfNotPresent, Resources = new ResourceRequirements { Limits = new() { ["cpu"] = 2, ["memory"] = "1Gi" } } },
                ExternalEndpoints = new ExternalEndpointSettings { Type = ExternalEndpointType.NodePort, ServiceAnnotations = new() { ["a"] = "b" } },
                LeaderElection = new LeaderElectionSettings { Mode = ElectionMode.Static, StaticLeaders = [0, 4] },
                Ca = new CertificateAuthoritySettings { SecretRef = new SecretReference { Name = "ca" } },
                Gossip = new GossipTuning { PropagatePeerNum = 4, PullInterval = "2s", PullPeerNum = 3, AliveTimeInterval = "1s", AliveExpirationTimeout = "5s", ReconnectInterval = "10s", PublishStateInfoInterval = "2s" },
                Storage = new StorageSettings { Size = "5Gi", StorageClassName = "fast" },
            },
            Status = new OrganizationStatus
            {
                Conditions = [new Condition { Type = "Ready", Status = "True", Reason = "AllPeersReady", Message = "5/5", ObservedGeneration = 3, LastTransitionTime = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) }],
                ObservedGeneration = 3,
                ReadyPeers = 5,
                Peers = [new PeerStatus { Name = "org1-0", State = "Alive", Heights = [new ChannelHeight { Channel = "ch", Height = 12 }], LeaderOf = ["ch"] }],
                Leaders = [new ChannelLeaders { Channel = "ch", Peers = ["org1-0"] }],
                LeaderSummary = "ch=org1-0",
            },
        };

        var json = ToJson(organization);
        var back = (Organization)FromJson(json, typeof(Organization));

        Assert.True(JsonNode.DeepEquals(json, ToJson(back)));
        Assert.Equal("2026-01-02T03:04:05Z", json["status"]!["conditions"]![0]!["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal("static", json["spec"]!["leaderElection"]!["mode"]!.GetValue<string>());
        Assert.Equal(2, json["spec"]!["sidecar"]!["resources"]!["limits"]!["cpu"]!.GetValue<int>());
        var errors = ResourceKind.Find(typeof(Organization))!.Read(json.DeepClone().AsObject()).Errors;
        Assert.Empty(errors);
    }

    private static JsonObject ToJson(KubeObject resource) => resource switch
    {
        Organization o => JsonSerializer.SerializeToNode(o, GossipJsonContext.Default.Organization)!.AsObject(),
        Channel c => JsonSerializer.SerializeToNode(c, GossipJsonContext.Default.Channel)!.AsObject(),
        AnchorPeer a => JsonSerializer.SerializeToNode(a, GossipJsonContext.Default.AnchorPeer)!.AsObject(),
        _ => throw new ArgumentException(resource.GetType().Name),
    };

    private static KubeObject FromJson(JsonObject json, Type type) => type.Name switch
    {
        nameof(Organization) => json.Deserialize(GossipJsonContext.Default.Organization)!,
        nameof(Channel) => json.Deserialize(GossipJsonContext.Default.Channel)!,
        _ => json.Deserialize(GossipJsonContext.Default.AnchorPeer)!,
    };

    // Every value written in the manifest is in the serialized object, at the same path, with the same value.
    private static void AssertContains(JsonNode? written, JsonNode? actual, string path)
    {
        switch (written)
        {
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    Assert.True(actual is JsonObject && actual.AsObject().ContainsKey(key), $"{path}.{key} was lost");
                    AssertContains(value, actual![key], $"{path}.{key}");
                }

                break;
            case JsonArray list:
                Assert.True(actual is JsonArray other && other.Count == list.Count, $"{path} changed length");
                for (var i = 0; i < list.Count; i++)
                {
                    AssertContains(list[i], actual![i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(JsonNode.DeepEquals(written, actual), $"{path}: wrote {written?.ToJsonString()}, got {actual?.ToJsonString()}");
                break;
        }
    }
}
