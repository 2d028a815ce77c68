using System.Text.Json.Nodes;
using K8sGossip.Operator.Crds.Manifests;
using K8sGossip.Operator.Planning.Manifests;

namespace K8sGossip.Operator.Tests.Crds;

/// <summary>The manifest writer's YAML reads back to exactly the tree it was written from, within yamllint's line width.</summary>
public sealed class YamlEmitterTests
{
    public static TheoryData<string> TrickyStrings => new()
    {
        "",
        "true",
        "Yes",
        "null",
        "~",
        "123",
        "1.5e3",
        "1Gi",
        "0x1F",
        " leading space",
        "trailing space ",
        "key: value",
        "# not a comment",
        "it's quoted",
        "-dash first",
        ".spec.mspId",
        ".status.conditions[?(@.type==\"Ready\")].status",
        "self.mode == 'static' || !has(self.staticLeaders)",
        "^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?:[0-9]{1,5}$",
        "line one\nline two",
        "tab\there",
        "a long description that certainly goes past the eighty column limit of yamllint, so it must be folded over several lines",
        "a long description with  two spaces that cannot be folded without changing it, so it stays on one quoted line",
        "^" + new string('x', 120) + "$",
        "peer{ordinal}.org1.example.com:7051",
        "ünïcödé text",
    };

    [Theory]
    [MemberData(nameof(TrickyStrings))]
    public void A_string_reads_back_unchanged_as_a_map_value_and_a_list_item(string text)
    {
        var tree = new JsonObject
        {
            ["outer"] = new JsonObject { ["inner"] = new JsonObject { ["value"] = text } },
            ["items"] = new JsonArray(JsonValue.Create(text), new JsonObject { ["value"] = text }),
        };

        var read = Single(YamlEmitter.Write(tree));

        Assert.True(JsonNode.DeepEquals(tree, read), $"wrote {tree.ToJsonString()}, read {read?.ToJsonString()}");
    }

    [Fact]
    public void Numbers_booleans_nulls_and_empty_containers_keep_their_types()
    {
        var tree = new JsonObject
        {
            ["int"] = 42,
            ["negative"] = -7,
            ["big"] = 9_000_000_000L,
            ["yes"] = true,
            ["no"] = false,
            ["nothing"] = null,
            ["emptyMap"] = new JsonObject(),
            ["emptyList"] = new JsonArray(),
            ["nested"] = new JsonArray(new JsonArray(JsonValue.Create(1), JsonValue.Create(2))),
        };

        var text = YamlEmitter.Write(tree);

        Assert.True(JsonNode.DeepEquals(tree, Single(text)), text);
        Assert.StartsWith("---\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_stay_within_eighty_columns_unless_a_single_word_is_longer()
    {
        var tree = new JsonObject
        {
            ["a"] = new JsonObject { ["b"] = new JsonObject { ["description"] = string.Join(' ', Enumerable.Repeat("word", 60)) } },
            ["pattern"] = "^" + new string('x', 120) + "$",
        };

        foreach (var line in YamlEmitter.Write(tree).Split('\n'))
        {
            Assert.True(line.Length <= 80 || !line.Trim().Contains(' ', StringComparison.Ordinal), $"line too long: {line}");
        }
    }

    private static JsonNode? Single(string yaml) => Assert.Single(YamlDocumentReader.Read(yaml, "emitted.yaml")).Root;
}
