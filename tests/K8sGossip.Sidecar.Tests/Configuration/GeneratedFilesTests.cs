using K8sGossip.Sidecar.Configuration.Documentation;
using K8sGossip.Sidecar.Configuration.Keys;
using static K8sGossip.Sidecar.Tests.Configuration.ConfigurationFixture;

namespace K8sGossip.Sidecar.Tests.Configuration;

/// <summary>
/// The configuration page and the example core.yaml are generated from the key registry. When a key changes, regenerate them with
/// <c>UPDATE_DOCS=1 dotnet test tests/K8sGossip.Sidecar.Tests --filter FullyQualifiedName~Configuration.GeneratedFilesTests</c>.
/// </summary>
public sealed class GeneratedFilesTests
{
    [Fact]
    public void Committed_configuration_doc_matches_the_key_registry() =>
        AssertCommitted(ConfigurationDocumentation.RelativePath, ConfigurationDocumentation.Generate());

    [Fact]
    public void Committed_example_core_yaml_matches_the_key_registry() =>
        AssertCommitted(CoreYamlExample.RelativePath, CoreYamlExample.Generate());

    [Fact]
    public void Configuration_doc_lists_every_key_with_both_defaults_and_its_environment_variable()
    {
        var doc = ConfigurationDocumentation.Generate();

        foreach (var key in ConfigKeyRegistry.All)
        {
            var row = doc.Split('\n').Single(l => l.StartsWith($"| `{key.Path}` |", StringComparison.Ordinal));
            Assert.Contains($"`{key.EnvironmentVariable}`", row, StringComparison.Ordinal);
            Assert.Contains(key.TypeName, row, StringComparison.Ordinal);
            Assert.Contains($"- **`{key.Path}`**: {key.Description}", doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Example_core_yaml_sets_every_key()
    {
        var example = CoreYamlExample.Generate();

        foreach (var key in ConfigKeyRegistry.All)
        {
            var leaf = key.Path[(key.Path.LastIndexOf('.') + 1)..];
            Assert.Contains($"{leaf}: ", example, StringComparison.Ordinal);
        }
    }

    private static void AssertCommitted(string relativePath, string generated)
    {
        var path = Path.Combine(RepositoryRoot(), relativePath);
        if (System.Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            // Write beside the target and move over it, so an interrupted run never leaves half a file.
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, generated);
            File.Move(temporary, path, overwrite: true);
        }

        Assert.True(File.Exists(path), $"{relativePath} is missing; generate it with UPDATE_DOCS=1 (see {nameof(GeneratedFilesTests)}).");
        var committed = File.ReadAllText(path);
        Assert.True(
            string.Equals(generated, committed, StringComparison.Ordinal),
            $"{relativePath} differs from what the key registry generates; regenerate it with UPDATE_DOCS=1 (see {nameof(GeneratedFilesTests)}).");
    }
}
