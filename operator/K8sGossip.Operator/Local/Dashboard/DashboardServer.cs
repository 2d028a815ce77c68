using System.Net;
using System.Numerics;
using System.Text.Json;
using K8sGossip.Operator.Local.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Operator.Local.Dashboard;

/// <summary>
/// The local network's web dashboard: one page (embedded in the executable), <c>/api/status</c> with the current
/// <see cref="NetworkStatus"/> as JSON, <c>/api/events</c> streaming it live, and <c>/healthz</c>; HTTP/1.1 on 127.0.0.1 only.
/// </summary>
public sealed partial class DashboardServer : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly DashboardOptions _options;
    private int _disposed;

    private DashboardServer(WebApplication app, CancellationTokenSource stopping, DashboardOptions options, Uri address, DashboardCounters counters)
    {
        _app = app;
        _stopping = stopping;
        _options = options;
        Address = address;
        Counters = counters;
    }

    /// <summary>Where the page is served, e.g. <c>http://127.0.0.1:7080/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Refusals, failures and open streams, for tests and diagnostics.</summary>
    internal DashboardCounters Counters { get; }

    /// <summary>Starts serving <paramref name="current"/> on 127.0.0.1:<paramref name="port"/> (0 picks a free port).</summary>
    public static Task<DashboardServer> StartAsync(Func<NetworkStatus> current, int port, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        StartAsync(current, new DashboardOptions { Port = port }, loggers, cancellationToken);

    /// <summary>Starts serving <paramref name="current"/> with every setting of <paramref name="options"/>.</summary>
    public static async Task<DashboardServer> StartAsync(Func<NetworkStatus> current, DashboardOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        options.Validate();

        var assets = DashboardAssets.Load(typeof(DashboardServer).Assembly);
        var logger = loggers.CreateLogger<DashboardServer>();
        var counters = new DashboardCounters();
        var snapshots = new StatusSnapshots(current, counters, logger);
        var events = new StatusEventStream(snapshots, options, counters, logger);
        var stopping = new CancellationTokenSource();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = StopTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http1);
        });

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            SecurityHeaders.Apply(context.Response);
            if (!LoopbackHostFilter.IsLoopback(context.Request.Host))
            {
                var total = counters.CountForeignHost();
                if (BitOperations.IsPow2(total))
                {
                    Log.ForeignHostRefused(logger, context.Request.Host.Value ?? "(none)", total);
                }

                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("The dashboard answers only requests addressed to 127.0.0.1 or localhost.\n", context.RequestAborted);
                return;
            }

            await next(context);
        });
        MapEndpoints(app, assets, snapshots, events, options, stopping.Token);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            stopping.Dispose();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address for the dashboard.");
        var address = new Uri($"http://127.0.0.1:{new Uri(bound).Port}/");
        Log.Started(logger, address);
        return new DashboardServer(app, stopping, options, address, counters);
    }

    /// <summary>Ends open event streams and stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        using var timeout = new CancellationTokenSource(StopTimeout, _options.TimeProvider);
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
            _stopping.Dispose();
        }
    }

    private static void MapEndpoints(WebApplication app, DashboardAssets assets, StatusSnapshots snapshots, StatusEventStream events, DashboardOptions options, CancellationToken stopping)
    {
        app.MapGet("/healthz", (HttpContext context) => WriteTextAsync(context, StatusCodes.Status200OK, "ok\n"));
        app.MapGet("/api/status", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return snapshots.TryTake() is { } json
                ? WriteTextAsync(context, StatusCodes.Status200OK, json, "application/json; charset=utf-8")
                : WriteTextAsync(context, StatusCodes.Status503ServiceUnavailable, "{\"error\":\"The network status is not available right now.\"}", "application/json; charset=utf-8");
        });
        app.MapGet("/api/network", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var body = JsonSerializer.Serialize(new DashboardNetworkInfo(options.NetworkName, options.StateDirectory), DashboardJsonContext.Default.DashboardNetworkInfo);
            return WriteTextAsync(context, StatusCodes.Status200OK, body, "application/json; charset=utf-8");
        });
        app.MapGet("/api/events", (HttpContext context) => events.ServeAsync(context, stopping));
        foreach (var path in assets.Paths)
        {
            app.MapGet(path, (HttpContext context) => ServeAssetAsync(context, assets, path));
        }
    }

    private static Task ServeAssetAsync(HttpContext context, DashboardAssets assets, string path)
    {
        var asset = assets.TryGet(path, out var found) ? found : throw new InvalidOperationException($"No dashboard file is mapped at {path}.");
        var response = context.Response;
        response.Headers.ETag = asset.ETag;
        response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        return response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }

    private static Task WriteTextAsync(HttpContext context, int status, string body, string contentType = "text/plain; charset=utf-8")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body, context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Dashboard at {Address}")]
        public static partial void Started(ILogger logger, Uri address);

        [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Refused a dashboard request addressed to host {Host}: only 127.0.0.1 and localhost are answered ({Total} refused so far)")]
        public static partial void ForeignHostRefused(ILogger logger, string host, long total);
    }
}
