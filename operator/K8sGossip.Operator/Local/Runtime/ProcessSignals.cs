using System.Globalization;
using System.Runtime.InteropServices;

namespace K8sGossip.Operator.Local.Runtime;

/// <summary>POSIX signals to processes by pid, and what <c>/proc</c> says about them.</summary>
/// <remarks><see cref="System.Diagnostics.Process.Kill()"/> sends SIGKILL; a clean stop needs SIGTERM, so libc's kill is called.</remarks>
internal static class ProcessSignals
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    /// <summary>Asks <paramref name="pid"/> to stop (SIGTERM); false when no such process exists.</summary>
    public static bool Terminate(int pid) => Send(pid, SigTerm);

    /// <summary>Kills <paramref name="pid"/> at once (SIGKILL); false when no such process exists.</summary>
    public static bool Kill(int pid) => Send(pid, SigKill);

    /// <summary>True when a process <paramref name="pid"/> exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0)
        {
            return false;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] != 'Z' && stat[close + 2] != 'X';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The command line of <paramref name="pid"/>, arguments separated by spaces; null when it is gone.</summary>
    public static string? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The resident memory of <paramref name="pid"/> in MiB (VmRSS); null when it is gone.</summary>
    public static double? ResidentMemoryMb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var parts = line["VmRSS:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb / 1024.0 : null;
                }
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool Send(int pid, int signal)
    {
        if (pid <= 0)
        {
            return false;
        }

        return NativeKill(pid, signal) == 0;
    }

    // DllImport rather than LibraryImport: the generated marshalling needs unsafe code, and two ints need none.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // See above: LibraryImport would require AllowUnsafeBlocks for the whole project.
    private static extern int NativeKill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
