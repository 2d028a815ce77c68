using System.Globalization;

namespace K8sGossip.Benchmarks.LocalNetwork;

/// <summary>Readings of other processes and of the machine from /proc: CPU time, resident memory, busy cores.</summary>
internal static class ProcFs
{
    /// <summary>USER_HZ: the unit of the CPU times in /proc on Linux.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds (user + system) the process has used, or NaN when it is gone.</summary>
    public static double CpuSeconds(int pid) =>
        StatFields(pid) is { } fields
            ? (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond
            : double.NaN;

    /// <summary>When the process started, in clock ticks since boot (field 22 of its stat), or null when it is gone.</summary>
    public static long? StartTime(int pid) => StatFields(pid) is { } fields ? long.Parse(fields[19], CultureInfo.InvariantCulture) : null;

    /// <summary>The fields of <c>/proc/&lt;pid&gt;/stat</c> after the command name (the process state first), or null when
    /// the process is gone.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces; fields after it are counted from the closing parenthesis.
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>VmRSS of the process in KiB, or NaN when it is gone.</summary>
    public static double RssKib(int pid) => StatusField(pid, "VmRSS:");

    /// <summary>RssAnon of the process in KiB (heap and stacks: resident memory not backed by a file), or NaN when it is gone.</summary>
    public static double RssAnonKib(int pid) => StatusField(pid, "RssAnon:");

    /// <summary>The number of threads of the process, or NaN when it is gone.</summary>
    public static double Threads(int pid) => StatusField(pid, "Threads:");

    /// <summary>Busy and total jiffies of the whole machine (all cores), from the first line of /proc/stat.</summary>
    public static (long Busy, long Total) MachineJiffies()
    {
        var line = File.ReadLines("/proc/stat").First();
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = values.Sum();
        var idle = values[3] + values[4];
        return (total - idle, total);
    }

    /// <summary>The 1-minute load average.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>Microseconds some task waited on <paramref name="resource"/> (<c>cpu</c>, <c>io</c>, <c>memory</c>) since boot,
    /// from pressure stall information, or NaN where the kernel does not provide it.</summary>
    public static double PressureStallMicroseconds(string resource)
    {
        try
        {
            var some = File.ReadLines($"/proc/pressure/{resource}").First(l => l.StartsWith("some", StringComparison.Ordinal));
            return double.Parse(some[(some.LastIndexOf("total=", StringComparison.Ordinal) + 6)..], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return double.NaN;
        }
    }

    private static double StatusField(int pid, string name)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(name, StringComparison.Ordinal))
                {
                    return double.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // Gone.
        }

        return double.NaN;
    }
}
