using System.Diagnostics;

namespace K8sGossip.Benchmarks;

/// <summary>CPU and memory of this process, for the cpu_s and rss_mb fields.</summary>
internal static class ProcessMetrics
{
    public static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public static double PeakRssMb()
    {
        using var process = Process.GetCurrentProcess();
        return Math.Round(process.PeakWorkingSet64 / (1024.0 * 1024.0), 1);
    }
}
