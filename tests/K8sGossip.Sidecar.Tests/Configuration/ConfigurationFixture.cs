using K8sGossip.Sidecar.Configuration;

namespace K8sGossip.Sidecar.Tests.Configuration;

/// <summary>Shared inputs for configuration tests: a minimal valid core.yaml and loading helpers.</summary>
internal static class ConfigurationFixture
{
    public const string SourcePath = "/etc/k8sgossip/core.yaml";

    public const string MinimalYaml = """
        peer:
          id: peer0.org1.example.com
          address: peer0.org1.example.com:7051
          localMspId: Org1MSP
        """;

    public static readonly IReadOnlyDictionary<string, string?> NoEnvironment = new Dictionary<string, string?>();

    public static SidecarConfiguration Load(string yaml, IReadOnlyDictionary<string, string?>? environment = null) =>
        SidecarConfigurationLoader.LoadText(yaml, SourcePath, environment ?? NoEnvironment);

    public static SidecarConfiguration LoadWith(string extraYaml, IReadOnlyDictionary<string, string?>? environment = null) =>
        Load(WithMinimal(extraYaml), environment);

    /// <summary>The minimal file plus <paramref name="extraYaml"/>, whose leading <c>peer:</c> section (if any) is merged into the minimal one.</summary>
    public static string WithMinimal(string extraYaml) =>
        extraYaml.StartsWith("peer:\n", StringComparison.Ordinal)
            ? MinimalYaml + "\n" + extraYaml["peer:\n".Length..]
            : MinimalYaml + "\n" + extraYaml;

    public static IReadOnlyList<ConfigurationError> Errors(string yaml, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var exception = Assert.Throws<ConfigurationException>(() => Load(yaml, environment));
        Assert.NotEmpty(exception.Errors);
        return exception.Errors;
    }

    public static IReadOnlyDictionary<string, string?> Environment(params (string Name, string? Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value);

    /// <summary>The repository root, found from this source file's location.</summary>
    public static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(sourceFile), AppContext.BaseDirectory })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "K8sGossip.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("The repository root (K8sGossip.sln) was not found.");
    }
}
