using System.Globalization;
using System.Text.Json;
using K8sGossip.Operator.Local.Runtime;
using K8sGossip.Operator.Planning;
using K8sGossip.Operator.Planning.Manifests;

namespace K8sGossip.Operator.Cli;

/// <summary>What <c>up</c> was started with (manifest paths and base port), kept in the state directory so <c>status</c> plans the same network.</summary>
/// <param name="Paths">The manifest files and directories, as absolute paths.</param>
/// <param name="BasePort">The first port.</param>
internal sealed record NetworkSources(IReadOnlyList<string> Paths, int BasePort)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    /// <summary>Writes the sources into the state directory, crash-safe.</summary>
    public void Write(StateLayout layout) => AtomicFile.WriteText(layout.SourcesFile, JsonSerializer.Serialize(this, Options) + "\n");

    /// <summary>The sources of the network in <paramref name="layout"/>; null when none was started there or the file is damaged.</summary>
    public static NetworkSources? TryRead(StateLayout layout)
    {
        try
        {
            return File.Exists(layout.SourcesFile) ? JsonSerializer.Deserialize<NetworkSources>(File.ReadAllText(layout.SourcesFile), Options) : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Loads and plans the manifests for <paramref name="layout"/>; warnings and errors go to <paramref name="error"/>, one per line. Null on errors.</summary>
    public NetworkPlan? Plan(StateLayout layout, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(error);
        var missing = Paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        foreach (var path in missing)
        {
            error.WriteLine($"{path}: error: no such file or directory");
        }

        if (missing.Count > 0)
        {
            return null;
        }

        var result = NetworkPlanner.Plan(ManifestLoader.Load(Paths), new LocalTarget(layout.Root, BasePort));
        foreach (var issue in result.Issues)
        {
            error.WriteLine(issue.ToString());
        }

        if (!result.Succeeded)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"k8sgossip: {result.Errors.Count} error(s) in the manifests; nothing was started"));
        }

        return result.Plan;
    }
}
