using K8sGossip.Gossip.Telemetry;
using K8sGossip.Sidecar.Configuration;
using K8sGossip.Sidecar.Configuration.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace K8sGossip.Sidecar.Hosting;

/// <summary>
/// Exports the <c>K8sGossip</c> spans and metrics over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a per-signal
/// endpoint) is set. Everything else follows the standard <c>OTEL_*</c> variables, read by the SDK itself: protocol
/// (<c>http/protobuf</c> or <c>grpc</c>), headers, timeouts, <c>OTEL_BSP_SCHEDULE_DELAY</c>,
/// <c>OTEL_METRIC_EXPORT_INTERVAL</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>. The service name defaults to the node's
/// <c>peer.id</c>. Disposing flushes what is buffered.
/// </summary>
internal sealed partial class TelemetryExport : IDisposable
{
    /// <summary>The base endpoint of every signal.</summary>
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The transport protocol.</summary>
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>The service name (default: <c>peer.id</c>).</summary>
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";

    private static readonly string[] EndpointVariables = [EndpointVariable, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"];
    private static readonly string[] Protocols = ["grpc", "http/protobuf"];

    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metrics;

    private TelemetryExport(TracerProvider tracing, MeterProvider metrics)
    {
        _tracing = tracing;
        _metrics = metrics;
    }

    /// <summary>Starts exporting when an OTLP endpoint is configured in <paramref name="variables"/> (null: the process
    /// environment), which is also what the SDK reads its <c>OTEL_*</c> settings from; null when telemetry is off.
    /// Throws <see cref="ConfigurationException"/> naming the variable when a value is unusable.</summary>
    public static TelemetryExport? Start(SidecarConfiguration configuration, ILogger logger, IReadOnlyDictionary<string, string?>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(logger);
        var settings = variables is null
            ? new ConfigurationBuilder().AddEnvironmentVariables().Build()
            : new ConfigurationBuilder().AddInMemoryCollection(variables).Build();
        Func<string, string?> environment = name => settings[name];
        if (!IsEnabled(environment))
        {
            return null;
        }

        Validate(environment);
        var resource = Resource(configuration, environment);
        var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => services.AddSingleton<IConfiguration>(settings))
            .SetResourceBuilder(resource)
            .AddSource(GossipTelemetry.Name)
            .AddOtlpExporter()
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(services => services.AddSingleton<IConfiguration>(settings))
            .SetResourceBuilder(resource)
            .AddMeter(GossipTelemetry.Name)
            .AddOtlpExporter()
            .Build();
        Log.Exporting(
            logger,
            EndpointVariables.Select(environment).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? string.Empty,
            Value(environment, ProtocolVariable) ?? "http/protobuf",
            ServiceName(configuration, environment));
        return new TelemetryExport(tracing, metrics);
    }

    /// <summary>Whether an OTLP endpoint is set and the SDK is not disabled (<c>OTEL_SDK_DISABLED=true</c>).</summary>
    public static bool IsEnabled(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return !string.Equals(Value(environment, "OTEL_SDK_DISABLED"), "true", StringComparison.OrdinalIgnoreCase)
            && EndpointVariables.Any(v => Value(environment, v) is not null);
    }

    /// <summary>The resource every span and metric of this node carries: service name and instance, organization, role.</summary>
    public static ResourceBuilder Resource(SidecarConfiguration configuration, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return ResourceBuilder.CreateDefault()
            .AddService(ServiceName(configuration, environment), serviceInstanceId: configuration.Peer.Id, autoGenerateServiceInstanceId: false)
            .AddAttributes(
            [
                new KeyValuePair<string, object>("k8sgossip.organization", configuration.Peer.MspId),
                new KeyValuePair<string, object>("k8sgossip.role", configuration.Role == SidecarRole.Orderer ? "orderer" : "peer"),
            ]);
    }

    /// <summary><c>OTEL_SERVICE_NAME</c>, else the node's <c>peer.id</c>.</summary>
    public static string ServiceName(SidecarConfiguration configuration, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        return Value(environment, ServiceNameVariable) ?? configuration.Peer.Id;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _tracing.Dispose();
        _metrics.Dispose();
    }

    private static void Validate(Func<string, string?> environment)
    {
        foreach (var variable in EndpointVariables)
        {
            if (Value(environment, variable) is { } endpoint
                && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            {
                throw new ConfigurationException(variable, $"'{endpoint}' is not an absolute http:// or https:// URL.");
            }
        }

        if (Value(environment, ProtocolVariable) is { } protocol && !Protocols.Contains(protocol, StringComparer.Ordinal))
        {
            throw new ConfigurationException(ProtocolVariable, $"'{protocol}' is not supported; use http/protobuf or grpc.");
        }
    }

    private static string? Value(Func<string, string?> environment, string variable) =>
        environment(variable) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Exporting traces and metrics over OTLP to {Endpoint} ({Protocol}) as service {ServiceName}")]
        public static partial void Exporting(ILogger logger, string endpoint, string protocol, string serviceName);
    }
}
