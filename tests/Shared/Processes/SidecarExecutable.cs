namespace K8sGossip.Testing.Processes;

/// <summary>Finds the built sidecar (<c>k8sgossip-sidecar.dll</c> with its runtime configuration) that the build copies
/// beside the test or benchmark assembly, or the sidecar project's own output under the same artifacts path.</summary>
internal static class SidecarExecutable
{
    private const string Dll = "k8sgossip-sidecar.dll";
    private const string RuntimeConfig = "k8sgossip-sidecar.runtimeconfig.json";

    public static string Path { get; } = Find();

    private static string Find()
    {
        var here = AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar);
        var candidates = new List<string> { here };

        // --artifacts-path layout: bin/<project>/<configuration>/
        var configuration = new DirectoryInfo(here).Name;
        if (Directory.GetParent(here)?.Parent is { } bin)
        {
            candidates.Add(System.IO.Path.Combine(bin.FullName, "K8sGossip.Sidecar", configuration));
        }

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
