using K8sGossip.Operator.Crds.Manifests;
using K8sGossip.Operator.Tests.Support;

namespace K8sGossip.Operator.Tests.Crds;

/// <summary>The committed crds/*.yaml are exactly what the generator makes of the C# types.</summary>
public sealed class CrdManifestFilesTests
{
    [Fact]
    public void Committed_manifests_equal_the_generated_ones_byte_for_byte()
    {
        var generated = CrdManifests.Generate();
        if (Environment.GetEnvironmentVariable("UPDATE_CRDS") == "1")
        {
            CrdManifests.WriteAll(RepositoryPaths.Crds);
        }

        foreach (var (name, content) in generated)
        {
            var path = Path.Combine(RepositoryPaths.Crds, name);
            Assert.True(File.Exists(path), $"{path} is missing; run UPDATE_CRDS=1 dotnet test on this project to regenerate crds/.");
            var committed = File.ReadAllText(path);
            Assert.True(
                committed == content,
                $"{path} differs from the C# types; run UPDATE_CRDS=1 dotnet test on this project to regenerate crds/.");
        }
    }

    [Fact]
    public void The_crds_folder_holds_no_manifest_the_generator_does_not_produce()
    {
        var expected = CrdManifests.Generate().Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        var present = Directory.GetFiles(RepositoryPaths.Crds, "*.yaml").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, present);
    }
}
