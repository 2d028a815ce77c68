using System.Diagnostics;
using K8sGossip.Gossip.Telemetry;
using K8sGossip.Sidecar.Hosting;
using K8sGossip.Sidecar.Tests.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Sidecar.Tests.Telemetry;

[Collection(InProcessTelemetryCollection.Name)]
public sealed class OtlpProtocolTests
{
    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task Spans_and_metrics_reach_the_collector_over_the_protocol_the_environment_names(string protocol)
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var service = "otlp-" + protocol.Replace('/', '-');
        var telemetry = TelemetryExport.Start(ConfigurationFixture.LoadWith(string.Empty), NullLogger.Instance, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = protocol == "grpc" ? receiver.GrpcEndpoint : receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
            ["OTEL_SERVICE_NAME"] = service,
        });
        Assert.NotNull(telemetry);
        var cut = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        using (BlockTracing.StartChild(SpanNames.Commit, ActivityKind.Internal, BlockTracing.ToTraceParent(cut), null, service, 7))
        {
        }

        GossipMetrics.BlockCommitted(service, (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 40, DateTimeOffset.UtcNow);

        // Disposing flushes: the batch of spans and a final collection of the metrics are exported before it returns.
        telemetry.Dispose();

        var span = Assert.Single(receiver.Spans, s => s.Service == service);
        Assert.Equal((SpanNames.Commit, cut.TraceId.ToHexString(), cut.SpanId.ToHexString()), (span.Name, span.TraceId, span.ParentSpanId));
        Assert.Equal(7L, span.Attributes[SpanAttributes.BlockNumber]);
        Assert.Equal("peer0.org1.example.com", span.Resource["service.instance.id"]);
        var committed = Assert.Single(receiver.Metrics, m => m.Service == service && m.Metric.Name == MetricNames.BlocksCommitted).Metric;
        Assert.Equal(1, Assert.Single(committed.Sum.DataPoints, p => Equals(OtlpReceiver.Attributes(p.Attributes)["channel"], service)).AsInt);
        Assert.Equal(0, receiver.Refused);
    }
}
