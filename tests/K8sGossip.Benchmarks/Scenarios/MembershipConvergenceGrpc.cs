using System.Diagnostics;

namespace K8sGossip.Benchmarks.Scenarios;

/// <summary>S2 over real sockets on 127.0.0.1 with mutual TLS.</summary>
internal static partial class MembershipConvergence
{
    public static async Task<ResultLine> RunGrpcAsync(BenchmarkArguments a)
    {
        var n = a.N ?? 30;
        var runs = new List<IReadOnlyDictionary<string, double>>();
        for (var run = 0; run < a.Runs; run++)
        {
            var seed = a.Seed + run;
            await using var cluster = await GrpcCluster.StartAsync(a, seed, n, startNodes: false);
            var started = Stopwatch.GetTimestamp();
            cluster.StartNodes();
            var converged = await GrpcCluster.WaitAsync(() => Converged(cluster.Nodes), TimeSpan.FromSeconds(120));
            var seconds = converged ? Stopwatch.GetElapsedTime(started).TotalSeconds : double.NaN;
            Console.Error.WriteLine($"S2 grpc n={n} seed={seed}: converged={converged} after {seconds:F2} s (ports bound and certificates issued before the clock starts)");
            runs.Add(new Dictionary<string, double> { ["converge_s"] = Math.Round(seconds, 3) });
        }

        return new ResultLine()
            .Add("scenario", "S2").Add("transport", "grpc").Add("n", n).Add("profile", a.Profile).Add("seed", a.Seed).Add("runs", a.Runs)
            .AddMedians(runs, "converge_s");
    }
}
