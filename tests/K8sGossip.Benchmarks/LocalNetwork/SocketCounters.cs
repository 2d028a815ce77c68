using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace K8sGossip.Benchmarks.LocalNetwork;

/// <summary>
/// Bytes each process has sent over TCP, from the kernel's per-socket counters (<c>ss -tinpH</c>: <c>bytes_acked</c> of every
/// established socket, attributed to its owning process). Counts TLS and HTTP/2 framing too; sockets closed between two
/// readings lose what they sent since the first.
/// </summary>
internal static partial class SocketCounters
{
    /// <summary>Acknowledged bytes sent per socket, keyed by (pid, local address, remote address); empty when <c>ss</c> is unavailable.</summary>
    public static async Task<Dictionary<(int Pid, string Local, string Remote), long>> ReadAsync()
    {
        var result = new Dictionary<(int, string, string), long>();
        string output;
        try
        {
            var start = new ProcessStartInfo("ss", "-tinpH state established") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return result;
        }

        (int Pid, string Local, string Remote)? socket = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]))
            {
                // "0 0 127.0.0.1:1234 127.0.0.1:5678 users:(("dotnet",pid=42,fd=7))" (the state column is omitted by the filter).
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var pid = PidPattern().Match(line);
                socket = parts.Length >= 4 && pid.Success
                    ? (int.Parse(pid.Groups[1].Value, CultureInfo.InvariantCulture), parts[2], parts[3])
                    : null;
                continue;
            }

            if (socket is { } key && AckedPattern().Match(line) is { Success: true } acked)
            {
                result[key] = long.Parse(acked.Groups[1].Value, CultureInfo.InvariantCulture);
            }

            socket = null;
        }

        return result;
    }

    /// <summary>Bytes sent per pid between two readings (sockets opened in between count in full).</summary>
    public static Dictionary<int, long> SentBetween(
        Dictionary<(int Pid, string Local, string Remote), long> before, Dictionary<(int Pid, string Local, string Remote), long> after)
    {
        var sent = new Dictionary<int, long>();
        foreach (var (key, bytes) in after)
        {
            var delta = bytes - before.GetValueOrDefault(key);
            sent[key.Pid] = sent.GetValueOrDefault(key.Pid) + Math.Max(0, delta);
        }

        return sent;
    }

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex PidPattern();

    [GeneratedRegex(@"bytes_acked:(\d+)")]
    private static partial Regex AckedPattern();
}
