using System.Text.Json;
using System.Text.Json.Serialization;

namespace K8sGossip.Operator.Local.Runtime;

/// <summary>The run file (<c>run.json</c>) of a running <c>up</c>: who supervises the network, its nodes' processes and the dashboard.</summary>
/// <param name="SupervisorPid">The process id of the <c>up</c> that supervises the network.</param>
/// <param name="StartedAt">When that <c>up</c> started.</param>
/// <param name="Dashboard">The dashboard's address; null until it listens.</param>
/// <param name="Nodes">Each node's process.</param>
internal sealed record RunFile(int SupervisorPid, DateTimeOffset StartedAt, string? Dashboard, IReadOnlyList<RunFileNode> Nodes)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes the run file crash-safe.</summary>
    public void Write(string path) => AtomicFile.WriteText(path, JsonSerializer.Serialize(this, Options) + "\n");

    /// <summary>Reads a run file; null when there is none or it cannot be read (a damaged file is as good as none).</summary>
    public static RunFile? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<RunFile>(File.ReadAllText(path), Options) : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>One node's process in the run file.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="Pid">Its process id, while it runs.</param>
/// <param name="Running">Whether it runs.</param>
/// <param name="Restarts">How often it was restarted after a crash or a kill.</param>
/// <param name="ConfigFile">Its core.yaml: identifies the process by its command line, so a reused pid is never taken for it.</param>
internal sealed record RunFileNode(string Name, int? Pid, bool Running, int Restarts, string ConfigFile);
