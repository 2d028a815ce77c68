namespace K8sGossip.Sidecar.Tests.Telemetry;

/// <summary>Tests that export from inside the test process run alone: their providers listen to the process-wide
/// <c>K8sGossip</c> source and meter, which turns spans on for every other test in the process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InProcessTelemetryCollection
{
    public const string Name = "In-process telemetry export";
}
