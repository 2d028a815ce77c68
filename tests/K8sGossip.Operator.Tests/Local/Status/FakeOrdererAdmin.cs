using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Operator.Tests.Local.Status;

/// <summary>
/// An orderer's admin port on 127.0.0.1 (Kestrel, HTTP/1.1) serving <c>/status</c> with a body the test sets; by default
/// shaped as the sidecar writes it (web JSON defaults, null leader and mode for the orderer).
/// </summary>
internal sealed class FakeOrdererAdmin : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOrdererAdmin(WebApplication app) => _app = app;

    public int Port { get; private set; }

    /// <summary>The body of <c>/status</c>.</summary>
    public string Body { get; set; } = Json(0);

    public static string Json(ulong height, string role = "orderer") =>
        $$"""{"role":"{{role}}","name":"orderer","channels":[{"name":"ledger","height":{{height}},"leader":null,"mode":null}],"deliverStreams":[{"caller":"acme-0","channel":"ledger","start":0,"at":"2026-11-21T21:00:00Z"}]}""";

    public static async Task<FakeOrdererAdmin> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        var fake = new FakeOrdererAdmin(app);
        app.MapGet("/status", () => Results.Text(fake.Body, "application/json"));
        await app.StartAsync();
        fake.Port = new Uri(app.Urls.Single()).Port;
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
