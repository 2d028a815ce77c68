using System.Text.Json;
using K8sGossip.Sidecar.Configuration;
using K8sGossip.Sidecar.Configuration.Channels;
using K8sGossip.Sidecar.Configuration.Model;
using K8sGossip.Sidecar.Peer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Sidecar.Hosting;

/// <summary>
/// The sidecar process: a web host whose Kestrel serves the admin port (HTTP/1.1: <c>/healthz</c> alive, <c>/readyz</c>
/// ready), with the role (peer or orderer) as a hosted service. SIGTERM and Ctrl-C stop the host, which lets the role
/// leave gracefully before the process exits.
/// </summary>
internal static class SidecarApplication
{
    /// <summary>How long a graceful stop may take before the host gives up on it.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);

    private static readonly JsonSerializerOptions StatusJson = new(JsonSerializerDefaults.Web);

    /// <summary>Runs the role until the process is told to stop.</summary>
    public static async Task RunAsync(SidecarArguments arguments, SidecarConfiguration configuration, ChannelConfiguration channels)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(arguments.Bind, configuration.Ports.Admin, l => l.Protocols = HttpProtocols.Http1));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IRoleService>(sp =>
        {
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            return configuration.Role == SidecarRole.Orderer
                ? new OrdererRoleService(configuration, channels, arguments.Bind, TimeProvider.System, loggers)
                : new PeerRoleService(configuration, channels, arguments.Bind, TimeProvider.System, loggers);
        });
        builder.Services.AddSingleton(sp => (IHostedService)sp.GetRequiredService<IRoleService>());

        await using var app = builder.Build();

        // Started before the role so its first spans are exported; disposed (flushed) once the role has stopped.
        using var telemetry = TelemetryExport.Start(configuration, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<TelemetryExport>());
        var role = app.Services.GetRequiredService<IRoleService>();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () =>
        {
            var readiness = role.Readiness();
            var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["ready"] = readiness.Ready, ["reasons"] = readiness.Reasons });
            return Results.Text(body, "application/json", statusCode: readiness.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/status", () => Results.Text(JsonSerializer.Serialize(role.Status(), StatusJson), "application/json"));
        await app.RunAsync().ConfigureAwait(false);
    }
}
