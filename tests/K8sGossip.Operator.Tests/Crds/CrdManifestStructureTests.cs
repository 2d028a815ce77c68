using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Kubernetes.Serialization;
using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Crds.Manifests;
using K8sGossip.Operator.Planning.Manifests;
using K8sGossip.Operator.Tests.Support;

namespace K8sGossip.Operator.Tests.Crds;

/// <summary>The committed CRD manifests are well-formed CustomResourceDefinitions whose columns and rules point at real fields.</summary>
public sealed partial class CrdManifestStructureTests
{
    private static readonly string[] ObjectMetaFields = ["name", "namespace", "creationTimestamp", "labels", "annotations", "generation", "uid"];

    public static TheoryData<string, string, string> Kinds => new()
    {
        { "gossip.k8sgossip.io_organizations.yaml", "Organization", "org" },
        { "gossip.k8sgossip.io_channels.yaml", "Channel", "ch" },
        { "gossip.k8sgossip.io_anchorpeers.yaml", "AnchorPeer", "ap" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Manifest_parses_as_a_namespaced_custom_resource_definition_with_status_and_names(string file, string kind, string shortName)
    {
        var definition = ReadDefinition(file);

        Assert.Equal("apiextensions.k8s.io/v1", definition.ApiVersion);
        Assert.Equal("CustomResourceDefinition", definition.Kind);
        var spec = definition.Spec!;
        Assert.Equal($"{spec.Names.Plural}.gossip.k8sgossip.io", definition.Metadata.Name);
        Assert.Equal("gossip.k8sgossip.io", spec.Group);
        Assert.Equal("Namespaced", spec.Scope);
        Assert.Equal(kind, spec.Names.Kind);
        Assert.Equal(kind + "List", spec.Names.ListKind);
        Assert.Equal([shortName], spec.Names.ShortNames);
        Assert.Equal(["k8sgossip"], spec.Names.Categories);
        var version = Assert.Single(spec.Versions);
        Assert.Equal("v1alpha1", version.Name);
        Assert.True(version.Served);
        Assert.True(version.Storage);
        Assert.Equal(JsonValueKind.Object, version.Subresources!.Value.GetProperty("status").ValueKind);
        Assert.Equal("object", version.Schema!.Value.GetProperty("openAPIV3Schema").GetProperty("type").GetString());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_printer_column_path_names_a_field_of_the_schema(string file, string kind, string shortName)
    {
        var version = ReadDefinition(file).Spec!.Versions[0];
        var schema = JsonNode.Parse(version.Schema!.Value.GetRawText())!["openAPIV3Schema"]!;
        var columns = JsonNode.Parse(version.AdditionalPrinterColumns!.Value.GetRawText())!.AsArray();

        Assert.NotEmpty(columns);
        Assert.Equal("Age", columns[^1]!["name"]!.GetValue<string>());
        foreach (var column in columns)
        {
            var path = column!["jsonPath"]!.GetValue<string>();
            Assert.True(Resolves(schema, path), $"{kind} column '{column["name"]}' uses {path}, which is not in the schema ({shortName}).");
        }
    }

    [Fact]
    public void Organization_columns_show_msp_id_peers_readiness_leaders_and_age()
    {
        var version = ReadDefinition("gossip.k8sgossip.io_organizations.yaml").Spec!.Versions[0];
        var names = JsonNode.Parse(version.AdditionalPrinterColumns!.Value.GetRawText())!.AsArray().Select(c => c!["name"]!.GetValue<string>());

        Assert.Equal(["MSP ID", "Peers", "Ready Peers", "Leaders", "Ready", "Reason", "Age"], names);
    }

    [Fact]
    public void Organization_schema_carries_the_validation_the_brief_of_each_field_promises()
    {
        var spec = Schema("gossip.k8sgossip.io_organizations.yaml")["properties"]!["spec"]!;

        Assert.Equal(["mspId"], spec["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(1L, spec["properties"]!["peers"]!["minimum"]!.GetValue<long>());
        Assert.Equal(100L, spec["properties"]!["peers"]!["maximum"]!.GetValue<long>());
        var election = spec["properties"]!["leaderElection"]!;
        Assert.Equal(["static", "dynamic", "lease"], election["properties"]!["mode"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("dynamic", election["properties"]!["mode"]!["default"]!.GetValue<string>());
        var rules = election["x-kubernetes-validations"]!.AsArray().Select(r => r!["rule"]!.GetValue<string>()).ToList();
        Assert.Contains("self.mode == 'static' || !has(self.staticLeaders)", rules);
        Assert.True(spec["properties"]!["containers"]!["items"]!["x-kubernetes-preserve-unknown-fields"]!.GetValue<bool>());
        Assert.True(spec["properties"]!["storage"]!["properties"]!["size"]!["x-kubernetes-int-or-string"]!.GetValue<bool>());
    }

    [Fact]
    public void Every_cel_rule_names_a_message_and_a_field_path_inside_its_object()
    {
        foreach (var file in Kinds.Select(k => (string)k[0]))
        {
            foreach (var rule in Descendants(Schema(file)).OfType<JsonObject>().Where(o => o.ContainsKey("x-kubernetes-validations")).SelectMany(o => o["x-kubernetes-validations"]!.AsArray()))
            {
                Assert.False(string.IsNullOrWhiteSpace(rule!["message"]?.GetValue<string>()));
                if (rule["fieldPath"] is { } fieldPath)
                {
                    Assert.StartsWith(".", fieldPath.GetValue<string>(), StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Write_all_writes_exactly_the_generated_manifests()
    {
        var directory = Directory.CreateTempSubdirectory("k8sgossip-crds-").FullName;
        try
        {
            var written = CrdManifests.WriteAll(directory);

            Assert.Equal(CrdManifests.Generate().Select(g => Path.Combine(directory, g.Key)), written);
            Assert.All(CrdManifests.Generate(), g => Assert.Equal(g.Value, File.ReadAllText(Path.Combine(directory, g.Key))));
            Assert.Equal(written.Count, Directory.GetFiles(directory).Length);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_client_bindings_address_the_kinds_the_manifests_define()
    {
        Assert.Equal("/apis/gossip.k8sgossip.io/v1alpha1/namespaces/n/organizations/org1/status", GossipApi.Organizations.Path("n", "org1", "status"));
        Assert.Equal("/apis/gossip.k8sgossip.io/v1alpha1/namespaces/n/anchorpeers", GossipApi.AnchorPeerResource.Descriptor.Path("n"));
        var list = new KubeList<Channel> { Items = [new Channel { Metadata = new ObjectMeta { Name = "ch" } }] };
        var json = JsonSerializer.Serialize(list, GossipApi.ChannelResource.ListTypeInfo);
        Assert.Equal("ch", JsonSerializer.Deserialize(json, GossipApi.ChannelResource.ListTypeInfo)!.Items[0].Metadata.Name);
    }

    private static CustomResourceDefinition ReadDefinition(string file)
    {
        var document = Assert.Single(YamlDocumentReader.Read(File.ReadAllText(Path.Combine(RepositoryPaths.Crds, file)), file));
        return document.Root!.Deserialize(KubeJsonContext.Default.CustomResourceDefinition)!;
    }

    private static JsonNode Schema(string file) =>
        Assert.Single(YamlDocumentReader.Read(File.ReadAllText(Path.Combine(RepositoryPaths.Crds, file)), file)).Root!
            ["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!;

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject map => map.Select(p => p.Value),
            JsonArray list => list,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>().SelectMany(Descendants))
        {
            yield return child;
        }
    }

    // Walks a printer-column JSONPath (.a.b, [?(@.f=="v")] filters) through the schema's properties and items.
    private static bool Resolves(JsonNode schema, string path)
    {
        var node = schema;
        var first = true;
        foreach (Match step in PathStep().Matches(path))
        {
            if (step.Groups["field"].Success)
            {
                var field = step.Groups["field"].Value;
                if (first && field == "metadata")
                {
                    return path.Split('.').Length == 3 && ObjectMetaFields.Contains(path.Split('.')[2]);
                }

                node = node["properties"]?[field];
            }
            else
            {
                node = node["type"]?.GetValue<string>() == "array" ? node["items"] : null;
                if (node?["properties"]?[step.Groups["filter"].Value] is null)
                {
                    return false;
                }
            }

            first = false;
            if (node is null)
            {
                return false;
            }
        }

        return !first;
    }

    [GeneratedRegex("\\.(?<field>[A-Za-z0-9_]+)|\\[\\?\\(@\\.(?<filter>[A-Za-z0-9_]+)==\"[^\"]*\"\\)\\]")]
    private static partial Regex PathStep();
}
