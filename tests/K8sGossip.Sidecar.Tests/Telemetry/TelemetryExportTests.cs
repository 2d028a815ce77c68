using K8sGossip.Sidecar.Configuration;
using K8sGossip.Sidecar.Hosting;
using K8sGossip.Sidecar.Tests.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Sidecar.Tests.Telemetry;

public sealed class TelemetryExportTests
{
    private static readonly SidecarConfiguration Peer = ConfigurationFixture.LoadWith(string.Empty);

    [Fact]
    public void Export_is_off_without_an_OTLP_endpoint_or_when_the_SDK_is_disabled()
    {
        Assert.False(TelemetryExport.IsEnabled(Environment()));
        Assert.False(TelemetryExport.IsEnabled(Environment(("OTEL_EXPORTER_OTLP_ENDPOINT", "  "))));
        Assert.True(TelemetryExport.IsEnabled(Environment(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"))));
        Assert.True(TelemetryExport.IsEnabled(Environment(("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:4318/v1/traces"))));
        Assert.False(TelemetryExport.IsEnabled(Environment(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"), ("OTEL_SDK_DISABLED", "TRUE"))));
        Assert.Null(TelemetryExport.Start(Peer, NullLogger.Instance, new Dictionary<string, string?>()));
    }

    [Fact]
    public void The_service_name_is_the_peer_id_unless_OTEL_SERVICE_NAME_is_set()
    {
        Assert.Equal("peer0.org1.example.com", TelemetryExport.ServiceName(Peer, Environment()));
        Assert.Equal("ledger-gossip", TelemetryExport.ServiceName(Peer, Environment(("OTEL_SERVICE_NAME", "ledger-gossip"))));
    }

    [Fact]
    public void The_resource_names_the_service_instance_organization_and_role()
    {
        var attributes = TelemetryExport.Resource(Peer, Environment()).Build().Attributes.ToDictionary(a => a.Key, a => a.Value);

        Assert.Equal("peer0.org1.example.com", attributes["service.name"]);
        Assert.Equal("peer0.org1.example.com", attributes["service.instance.id"]);
        Assert.Equal("Org1MSP", attributes["k8sgossip.organization"]);
        Assert.Equal("peer", attributes["k8sgossip.role"]);
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "127.0.0.1:4318")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "ftp://127.0.0.1:4318")]
    public void An_unusable_value_stops_startup_with_an_error_naming_the_variable(string variable, string value)
    {
        var environment = new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318", [variable] = value };

        var error = Assert.Throws<ConfigurationException>(() => TelemetryExport.Start(Peer, NullLogger.Instance, environment));

        Assert.Equal(variable, Assert.Single(error.Errors).Key);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }
}
