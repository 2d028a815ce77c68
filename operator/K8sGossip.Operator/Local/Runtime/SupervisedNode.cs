using System.Diagnostics;
using System.Text;

namespace K8sGossip.Operator.Local.Runtime;

/// <summary>One node under supervision: its current process, restart count, backoff and log file.</summary>
internal sealed class SupervisedNode : IDisposable
{
    private readonly Lock _gate = new();
    private readonly StreamWriter _log;
    private Process? _process;

    public SupervisedNode(NodeLaunch launch, string logFile, RestartBackoff backoff)
    {
        Launch = launch;
        Backoff = backoff;
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        _log = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false)) { AutoFlush = true };
    }

    public NodeLaunch Launch { get; }

    public RestartBackoff Backoff { get; }

    public int Restarts { get; private set; }

    /// <summary>The supervising loop of this node; completes when supervision ends.</summary>
    public Task Loop { get; set; } = Task.CompletedTask;

    /// <summary>The current process, while one was started and not yet released.</summary>
    public Process? Process
    {
        get
        {
            lock (_gate)
            {
                return _process;
            }
        }
    }

    /// <summary>The pid of the running process; null when none runs.</summary>
    public int? RunningPid
    {
        get
        {
            lock (_gate)
            {
                try
                {
                    return _process is { HasExited: false } p ? p.Id : null;
                }
                catch (InvalidOperationException)
                {
                    return null;
                }
            }
        }
    }

    /// <summary>Records a newly started process and begins copying its output to the log.</summary>
    public void Attach(Process process, bool restart)
    {
        lock (_gate)
        {
            _process?.Dispose();
            _process = process;
            if (restart)
            {
                Restarts++;
            }
        }

        process.OutputDataReceived += (_, e) => WriteLog(e.Data);
        process.ErrorDataReceived += (_, e) => WriteLog(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Writes a line of the supervisor's own into the node's log.</summary>
    public void WriteLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after supervision ended has nowhere to go.
            }
            catch (IOException)
            {
                // A full disk must not stop the network; the line is lost.
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _process?.Dispose();
            _process = null;
            _log.Dispose();
        }
    }
}
