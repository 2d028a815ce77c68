using K8sGossip.Benchmarks;
using K8sGossip.Benchmarks.Scenarios;

// One JSON line per scenario on stdout; progress and logs go to stderr.
BenchmarkArguments arguments;
try
{
    arguments = BenchmarkArguments.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

try
{
    var line = (arguments.Scenario, arguments.Transport) switch
    {
        ("S1", "sim") => BlockDisseminationSim.Run(arguments),
        ("S1", "grpc") => await BlockDisseminationGrpc.RunAsync(arguments),
        ("S2", "sim") => MembershipConvergence.RunSim(arguments),
        ("S2", "grpc") => await MembershipConvergence.RunGrpcAsync(arguments),
        ("S3", "sim") => FailureDetectionSim.Run(arguments),
        ("S4", "grpc") => await LeaderFailoverGrpc.RunAsync(arguments),
        ("S5", "grpc") => await CatchUpGrpc.RunAsync(arguments),
        ("S6", "grpc") => await MemoryPerChannelGrpc.RunAsync(arguments),
        ("S8", "grpc") => await SustainedThroughputGrpc.RunAsync(arguments),
        ("S7", "sim") => ScaleSim.Run(arguments),
        ("S9", "grpc") => await K8sGossip.Benchmarks.Rolling.RollingUpgradeLocal.RunAsync(arguments),
        _ => throw new ArgumentException($"Scenario {arguments.Scenario} is not available with --transport {arguments.Transport}. {BenchmarkArguments.Usage}"),
    };
    Console.Out.WriteLine(line.ToJson());
    return 0;
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
{
    // A scenario that could not complete (a process crashed, a condition never held): no result line.
    await Console.Error.WriteLineAsync($"{ex.GetType().Name}: {ex.Message}");
    return 1;
}
