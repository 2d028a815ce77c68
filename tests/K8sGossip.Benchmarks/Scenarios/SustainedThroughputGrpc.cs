using System.Diagnostics;
using System.Globalization;
using K8sGossip.Benchmarks.LocalNetwork;

namespace K8sGossip.Benchmarks.Scenarios;

/// <summary>
/// S8 over real sidecar processes: one organization of n = 10 peers in gossip mode (one elected leader pulls from the
/// orderer and pushes to the others) and an orderer generating blocks of 1 MiB. The generator rate is ramped (the
/// orderer restarts with each rate, keeping its chain); at each rate a window is measured after a warm-up, and the highest
/// rate at which every peer keeps up (its lag behind the orderer does not grow by more than a second of blocks over the
/// window, and it commits at least 90% of what the orderer cut) is reported, with what bounded the next one.
/// </summary>
internal static class SustainedThroughputGrpc
{
    private const string Channel = "bench";
    private const double Mb = 1024 * 1024;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(100);

    public static async Task<ResultLine> RunAsync(BenchmarkArguments a)
    {
        var n = a.N ?? 10;
        var bytes = a.BlockBytes ?? 1024 * 1024;
        var rates = (a.Rates ?? [2, 4, 8, 16]).ToList();
        var window = TimeSpan.FromSeconds(a.WindowSeconds ?? 10);
        var runs = new List<Outcome>();
        for (var run = 0; run < a.Runs; run++)
        {
            runs.Add(await RunOnceAsync(a, a.Seed + run, n, bytes, rates, window));
        }

        var metrics = runs.Select(r => (IReadOnlyDictionary<string, double>)r.Best).ToList();
        var median = runs.OrderBy(r => r.Best["blocks_per_s"]).ElementAt((runs.Count - 1) / 2);
        return new ResultLine()
            .Add("scenario", "S8").Add("transport", "grpc").Add("n", n).Add("profile", a.Profile).Add("seed", a.Seed).Add("runs", a.Runs)
            .Add("block_bytes", bytes).Add("window_s", window.TotalSeconds)
            .AddMedians(metrics, "rate", "blocks_per_s", "mb_per_s", "upload_mb_per_s_max", "orderer_upload_mb_per_s", "cpu_cores_used", "machine_busy", "io_stall_share")
            .Add("sustained", median.Sustained)
            .Add("limit", median.Limit)
            .Add("steps", median.Steps)
            .Add("load_avg_1m", Math.Round(runs.Average(r => r.LoadAverage), 2))
            .Add("note", "upload = bytes acknowledged on the TCP sockets of each process (kernel counters read with ss, TLS and HTTP/2 framing included); cpu_cores_used = CPU of all sidecar processes (/proc/PID/stat) per second of the window; machine_busy = share of all cores busy (/proc/stat), other work included");
    }

    private static async Task<Outcome> RunOnceAsync(BenchmarkArguments a, int seed, int n, int bytes, List<int> rates, TimeSpan window)
    {
        Console.Error.WriteLine($"S8 grpc profile={a.Profile} seed={seed}: {n} peers, blocks of {bytes} bytes, rates {string.Join(',', rates)}");
        var started = Stopwatch.GetTimestamp();
        await using var net = SidecarNetwork.Create(new NetworkSpec { Peers = n, Profile = a.Profile, GeneratorRate = rates[0], GeneratorBlockBytes = bytes });
        net.StartAll();
        var load = ProcFs.LoadAverage();
        try
        {
            await WaitForLeaderAsync(net, TimeSpan.FromSeconds(a.FabricDefaults ? 150 : 120));
            Dictionary<string, double>? best = null;
            Dictionary<string, double>? first = null;
            var limit = "not reached (highest rate tried)";
            var steps = new List<string>();
            var current = rates[0];
            foreach (var rate in rates)
            {
                if (best is not null && Stopwatch.GetElapsedTime(started) > Budget)
                {
                    limit = "not reached (time budget)";
                    break;
                }

                if (rate != current)
                {
                    await net.RestartOrdererAsync(rate);
                    current = rate;
                }

                var step = await MeasureAsync(net, rate, bytes, window);
                first ??= step.Metrics;
                steps.Add(string.Create(CultureInfo.InvariantCulture, $"{rate}:{step.Metrics["blocks_per_s"]}{(step.Sustained ? "" : "!")}"));
                Console.Error.WriteLine($"S8: rate {rate}/s: {(step.Sustained ? "sustained" : "NOT sustained")}, {step.Metrics["blocks_per_s"]} blocks/s at the slowest peer, cpu {step.Metrics["cpu_cores_used"]} cores, machine busy {step.Metrics["machine_busy"]}, io stall {step.Metrics["io_stall_share"]}");
                if (!step.Sustained)
                {
                    limit = step.Limit;
                    break;
                }

                best = step.Metrics;
            }

            return new Outcome(best ?? first!, best is not null, limit, string.Join(' ', steps), load);
        }
        catch
        {
            await Console.Error.WriteLineAsync(net.Logs());
            throw;
        }
    }

    private static async Task<(Dictionary<string, double> Metrics, bool Sustained, string Limit)> MeasureAsync(SidecarNetwork net, int rate, int bytes, TimeSpan window)
    {
        // Warm-up: the leader's stream to the (restarted) orderer is flowing again, then three more seconds.
        var leaderStart = await MaxHeightAsync(net);
        var warm = Stopwatch.GetTimestamp();
        while (await MaxHeightAsync(net) < leaderStart + (ulong)Math.Max(2, rate) && Stopwatch.GetElapsedTime(warm) < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = await SampleAsync(net);
        await Task.Delay(window);
        var after = await SampleAsync(net);
        var seconds = (after.At - before.At) / (double)Stopwatch.Frequency;

        var ordererCut = (double)(after.OrdererHeight - before.OrdererHeight);
        var advances = Enumerable.Range(0, net.Peers.Count).Select(i => (double)after.Heights[i] - before.Heights[i]).ToList();
        var lagGrowth = Enumerable.Range(0, net.Peers.Count)
            .Select(i => ((double)after.OrdererHeight - after.Heights[i]) - ((double)before.OrdererHeight - before.Heights[i])).ToList();
        var sent = SocketCounters.SentBetween(before.Sockets, after.Sockets);
        var peerUpload = net.Peers.Select(p => sent.GetValueOrDefault(p.Process!.Id) / Mb / seconds).ToList();
        var cpu = net.All.Sum(node => after.Cpu[node.Name] - before.Cpu[node.Name]) / seconds;
        var machineBusy = (double)(after.Machine.Busy - before.Machine.Busy) / (after.Machine.Total - before.Machine.Total);
        var ioStall = (after.IoStall - before.IoStall) / 1e6 / seconds;
        var slowest = advances.Min() / seconds;
        var metrics = new Dictionary<string, double>
        {
            ["rate"] = rate,
            ["blocks_per_s"] = Math.Round(slowest, 2),
            ["mb_per_s"] = Math.Round(slowest * bytes / Mb, 2),
            ["upload_mb_per_s_max"] = Math.Round(peerUpload.Max(), 2),
            ["orderer_upload_mb_per_s"] = Math.Round(sent.GetValueOrDefault(net.Orderer.Process!.Id) / Mb / seconds, 2),
            ["cpu_cores_used"] = Math.Round(cpu, 2),
            ["machine_busy"] = Math.Round(machineBusy, 3),
            ["io_stall_share"] = Math.Round(ioStall, 3),
        };

        var ordererKeptUp = ordererCut >= 0.85 * rate * seconds;
        var peersKeptUp = advances.All(x => x >= 0.9 * ordererCut) && lagGrowth.All(g => g <= Math.Max(2, rate));
        var limit = machineBusy >= 0.9 ? "cpu"
            : ioStall >= 0.3 ? "disk"
            : !ordererKeptUp ? "orderer"
            : "peers (neither cpu nor disk saturated)";
        Console.Error.WriteLine($"S8: orderer cut {ordererCut} in {seconds:F1} s; peer advances {string.Join(',', advances)}; lag growth {string.Join(',', lagGrowth)}; uploads MiB/s {string.Join(',', peerUpload.Select(u => u.ToString("F1", CultureInfo.InvariantCulture)))}");
        foreach (var i in Enumerable.Range(0, net.Peers.Count).Where(i => advances[i] < 0.9 * ordererCut))
        {
            Console.Error.WriteLine($"S8: {net.Peers[i].Name} fell behind; its last lines:\n{net.Peers[i].Process!.Tail(15)}");
        }

        return (metrics, ordererKeptUp && peersKeptUp, limit);
    }

    private static async Task<Sample> SampleAsync(SidecarNetwork net)
    {
        var sockets = await SocketCounters.ReadAsync();
        var at = Stopwatch.GetTimestamp();
        var cpu = net.All.ToDictionary(n => n.Name, n => ProcFs.CpuSeconds(n.Process!.Id));
        var machine = ProcFs.MachineJiffies();
        var io = ProcFs.PressureStallMicroseconds("io");
        var ordererHeight = await net.OrdererHeightAsync(Channel) ?? throw new InvalidOperationException("S8: the orderer does not answer its height probe.");
        var answers = await net.HeightsAsync();
        if (answers.Any(h => h is null))
        {
            throw new TimeoutException($"S8: {answers.Count(h => h is null)} peers did not report their height in five tries.");
        }

        var heights = answers.Select(h => h!.Value).ToList();
        return new Sample(at, ordererHeight, heights, cpu, machine, io, sockets);
    }

    private static async Task<ulong> MaxHeightAsync(SidecarNetwork net) =>
        (await net.HeightsAsync()).Max() ?? 0;

    private static async Task WaitForLeaderAsync(SidecarNetwork net, TimeSpan timeout)
    {
        var start = Stopwatch.GetTimestamp();
        var last = string.Empty;
        while (Stopwatch.GetElapsedTime(start) < timeout)
        {
            if (net.All.FirstOrDefault(p => p.Process is { HasExited: true }) is { } crashed)
            {
                throw new InvalidOperationException($"{crashed.Name} exited with code {crashed.Process!.ExitCode}.");
            }

            var statuses = await SidecarNetwork.StatusesAsync(net.Peers);
            last = string.Join(", ", statuses.Select((s, i) => $"{net.Peers[i].Name} {(s is null ? "no answer" : $"height {s.Channels.FirstOrDefault()?.Height}{(s.Channels.FirstOrDefault()?.Leader == true ? " leader" : "")}")}"));
            if (statuses.Count(s => s?.Channels.FirstOrDefault()?.Leader ?? false) == 1 && statuses.All(s => (s?.Channels.FirstOrDefault()?.Height ?? 0) >= 2))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException($"S8: no leader with blocks flowing to every peer within {timeout.TotalSeconds} s; last seen: {last}.");
    }

    private sealed record Sample(
        long At, ulong OrdererHeight, List<ulong> Heights, Dictionary<string, double> Cpu, (long Busy, long Total) Machine, double IoStall,
        Dictionary<(int Pid, string Local, string Remote), long> Sockets);

    private sealed record Outcome(Dictionary<string, double> Best, bool Sustained, string Limit, string Steps, double LoadAverage);
}
