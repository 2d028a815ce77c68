namespace K8sGossip.Gossip.Tests.Telemetry;

/// <summary>Tests that listen to the process-wide <c>K8sGossip</c> activity source and meter run alone: a listener
/// turns spans on for every test in the process, which changes the trace context other tests see.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry listeners";
}
