namespace K8sGossip.Sidecar.Tests.Network;

/// <summary>Finds the built sidecar (<c>k8sgossip-sidecar.dll</c> with its runtime configuration).</summary>
internal static class SidecarExecutable
{
    private const string Dll = "k8sgossip-sidecar.dll";
    private const string RuntimeConfig = "k8sgossip-sidecar.runtimeconfig.json";

    public static string Path { get; } = Find();

    private static string Find()
    {
        var here = AppContext.BaseDirectory;
        var candidates = new List<string> { here };

        // --artifacts-path layout: bin/<project>/<configuration>[_<rid>]/
        var configuration = new DirectoryInfo(here.TrimEnd(System.IO.Path.DirectorySeparatorChar)).Name;
        var bin = Directory.GetParent(here.TrimEnd(System.IO.Path.DirectorySeparatorChar))?.Parent;
        if (bin is not null)
        {
            candidates.Add(System.IO.Path.Combine(bin.FullName, "K8sGossip.Sidecar", configuration));
        }

        // Classic layout: sidecar/K8sGossip.Sidecar/bin/<configuration>/<tfm>/
        var root = Configuration.ConfigurationFixture.RepositoryRoot();
        var tfm = new DirectoryInfo(here.TrimEnd(System.IO.Path.DirectorySeparatorChar)).Name;
        var classicConfiguration = Directory.GetParent(here.TrimEnd(System.IO.Path.DirectorySeparatorChar))?.Name ?? "Debug";
        candidates.Add(System.IO.Path.Combine(root, "sidecar", "K8sGossip.Sidecar", "bin", classicConfiguration, tfm));
        foreach (var directory in candidates)
        {
            if (File.Exists(System.IO.Path.Combine(directory, Dll)) && File.Exists(System.IO.Path.Combine(directory, RuntimeConfig)))
            {
                return System.IO.Path.Combine(directory, Dll);
            }
        }

        throw new FileNotFoundException($"{Dll} with {RuntimeConfig} was not found; looked in: {string.Join(", ", candidates)}");
    }
}
