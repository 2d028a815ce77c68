using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using K8sGossip.Sidecar.Tests.Network;
using K8sGossip.Sidecar.Tests.Telemetry.Otlp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Sidecar.Tests.Telemetry;

/// <summary>
/// A minimal OTLP collector on 127.0.0.1 (Kestrel): OTLP/HTTP <c>POST /v1/traces</c> and <c>POST /v1/metrics</c> with
/// <c>application/x-protobuf</c> bodies on <see cref="Endpoint"/>, and OTLP/gRPC (h2c, unary <c>Export</c> of the trace
/// and metrics services) on <see cref="GrpcEndpoint"/>, decoded with the test's own subset of the OTLP messages. What
/// arrives is kept with the sender's <c>service.name</c>; a body that does not decode is refused and counted.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private const string Protobuf = "application/x-protobuf";
    private const string Grpc = "application/grpc";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentQueue<ReceivedMetric> _metrics = new();
    private int _refused;

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The base URL exporters are pointed at (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).</summary>
    public string Endpoint { get; private set; } = string.Empty;

    /// <summary>The base URL for <c>OTEL_EXPORTER_OTLP_PROTOCOL=grpc</c>.</summary>
    public string GrpcEndpoint { get; private set; } = string.Empty;

    /// <summary>Every span received so far.</summary>
    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    /// <summary>Every metric received so far (each export's copy of it).</summary>
    public IReadOnlyList<ReceivedMetric> Metrics => [.. _metrics];

    /// <summary>Requests refused because their body was not a valid export request.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = FreePorts.Port();
        var grpcPort = FreePorts.Port();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http1);
            k.Listen(IPAddress.Loopback, grpcPort, l => l.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", context => receiver.HandleAsync(context, ExportTraceServiceRequest.Parser, receiver.Add, new ExportTraceServiceResponse()));
        app.MapPost("/v1/metrics", context => receiver.HandleAsync(context, ExportMetricsServiceRequest.Parser, receiver.Add, new ExportMetricsServiceResponse()));
        app.MapPost("/opentelemetry.proto.collector.trace.v1.TraceService/Export",
            context => receiver.HandleGrpcAsync(context, ExportTraceServiceRequest.Parser, receiver.Add, new ExportTraceServiceResponse()));
        app.MapPost("/opentelemetry.proto.collector.metrics.v1.MetricsService/Export",
            context => receiver.HandleGrpcAsync(context, ExportMetricsServiceRequest.Parser, receiver.Add, new ExportMetricsServiceResponse()));
        await app.StartAsync();
        receiver.Endpoint = $"http://127.0.0.1:{port}";
        receiver.GrpcEndpoint = $"http://127.0.0.1:{grpcPort}";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync<T>(HttpContext context, MessageParser<T> parser, Action<T> add, IMessage response)
        where T : IMessage<T>
    {
        if (!string.Equals(context.Request.ContentType, Protobuf, StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _refused);
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        T request;
        try
        {
            request = parser.ParseFrom(body.ToArray());
        }
        catch (InvalidProtocolBufferException)
        {
            Interlocked.Increment(ref _refused);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        add(request);
        context.Response.ContentType = Protobuf;
        await context.Response.Body.WriteAsync(response.ToByteArray(), context.RequestAborted);
    }

    /// <summary>One unary gRPC call: a single uncompressed length-prefixed message in, one out, status in the trailers.</summary>
    private async Task HandleGrpcAsync<T>(HttpContext context, MessageParser<T> parser, Action<T> add, IMessage response)
        where T : IMessage<T>
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var frame = body.ToArray();
        var request = default(T);
        if ((context.Request.ContentType ?? string.Empty).StartsWith(Grpc, StringComparison.Ordinal)
            && frame.Length >= 5 && frame[0] == 0 && System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(1)) == frame.Length - 5)
        {
            try
            {
                request = parser.ParseFrom(frame.AsSpan(5));
            }
            catch (InvalidProtocolBufferException)
            {
                request = default;
            }
        }

        if (request is null)
        {
            Interlocked.Increment(ref _refused);
            context.Response.ContentType = Grpc;
            context.Response.AppendTrailer("grpc-status", "3");
            return;
        }

        add(request);
        var reply = response.ToByteArray();
        var framed = new byte[reply.Length + 5];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)reply.Length);
        reply.CopyTo(framed, 5);
        context.Response.ContentType = Grpc;
        await context.Response.Body.WriteAsync(framed, context.RequestAborted);
        context.Response.AppendTrailer("grpc-status", "0");
    }

    private void Add(ExportTraceServiceRequest request)
    {
        foreach (var resource in request.ResourceSpans)
        {
            var service = ServiceName(resource.Resource);
            foreach (var span in resource.ScopeSpans.SelectMany(s => s.Spans))
            {
                _spans.Enqueue(new ReceivedSpan(
                    service,
                    Convert.ToHexStringLower(span.TraceId.Span),
                    Convert.ToHexStringLower(span.SpanId.Span),
                    Convert.ToHexStringLower(span.ParentSpanId.Span),
                    span.Name,
                    Attributes(span.Attributes),
                    Attributes(resource.Resource?.Attributes)));
            }
        }
    }

    private void Add(ExportMetricsServiceRequest request)
    {
        foreach (var resource in request.ResourceMetrics)
        {
            var service = ServiceName(resource.Resource);
            foreach (var metric in resource.ScopeMetrics.SelectMany(s => s.Metrics))
            {
                _metrics.Enqueue(new ReceivedMetric(service, metric));
            }
        }
    }

    private static string ServiceName(Resource? resource) =>
        resource?.Attributes.FirstOrDefault(a => a.Key == "service.name")?.Value?.StringValue ?? string.Empty;

    /// <summary>Attribute values as CLR values (string, bool, long, double).</summary>
    public static Dictionary<string, object?> Attributes(IEnumerable<KeyValue>? attributes) =>
        (attributes ?? []).ToDictionary(
            a => a.Key,
            a => a.Value?.ValueCase switch
            {
                AnyValue.ValueOneofCase.StringValue => a.Value.StringValue,
                AnyValue.ValueOneofCase.BoolValue => a.Value.BoolValue,
                AnyValue.ValueOneofCase.IntValue => a.Value.IntValue,
                AnyValue.ValueOneofCase.DoubleValue => (object?)a.Value.DoubleValue,
                _ => null,
            },
            StringComparer.Ordinal);
}

/// <summary>A span as the receiver decoded it; ids in lower-case hex (the parent's empty for a root).</summary>
internal sealed record ReceivedSpan(
    string Service,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    Dictionary<string, object?> Attributes,
    Dictionary<string, object?> Resource)
{
    public bool IsRoot => ParentSpanId.Length == 0;
}

/// <summary>One export's copy of a metric, with the sender's service name.</summary>
internal sealed record ReceivedMetric(string Service, Metric Metric);
