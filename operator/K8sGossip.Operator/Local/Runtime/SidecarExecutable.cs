namespace K8sGossip.Operator.Local.Runtime;

/// <summary>Finds <c>k8sgossip-sidecar.dll</c>, which the build places next to the <c>k8sgossip</c> executable.</summary>
internal static class SidecarExecutable
{
    /// <summary>The sidecar's file name.</summary>
    public const string Dll = "k8sgossip-sidecar.dll";

    /// <summary>The sidecar beside the running executable; null when it is missing (with the places looked at).</summary>
    public static string? Find(out string lookedAt)
    {
        var path = Path.Combine(AppContext.BaseDirectory, Dll);
        lookedAt = path;
        return File.Exists(path) && File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")) ? path : null;
    }
}
