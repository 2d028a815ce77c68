using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Http;
using K8sGossip.Kubernetes.TestServer.Lifecycle;
using K8sGossip.Kubernetes.TestServer.Resources;
using K8sGossip.Kubernetes.TestServer.Selectors;
using K8sGossip.Kubernetes.TestServer.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Kubernetes.TestServer;

/// <summary>
/// An in-process Kubernetes API server on 127.0.0.1 for tests: real HTTP (Kestrel), JSON storage for any kind, and the
/// real API's rules for resourceVersion, generation, status subresources, finalizers, garbage collection, watch and
/// server-side apply.
/// </summary>
public sealed class KubeApiTestServer : IAsyncDisposable
{
    private const string TestManager = "k8sgossip-test";
    private readonly WebApplication app;
    private readonly ObjectStore store;
    private readonly ResourceRegistry registry;
    private readonly ResourceReader reader;
    private readonly ResourceWriter writer;
    private readonly ApiHandler handler;
    private readonly CancellationTokenSource stopping = new();
    private readonly ITimer bookmarkTimer;
    private readonly X509Certificate2? certificate;

    private KubeApiTestServer(KubeApiTestServerOptions options, WebApplication app, ObjectStore store, ResourceRegistry registry,
        ResourceReader reader, ResourceWriter writer, ApiHandler handler, FaultInjector faults, X509Certificate2? certificate)
    {
        Options = options;
        this.app = app;
        this.store = store;
        this.registry = registry;
        this.reader = reader;
        this.writer = writer;
        this.handler = handler;
        this.certificate = certificate;
        Faults = faults;
        handler.Stopping = stopping.Token;
        bookmarkTimer = options.TimeProvider.CreateTimer(_ => store.Bookmark(), null, options.BookmarkInterval, options.BookmarkInterval);
    }

    /// <summary>The server's address, e.g. http://127.0.0.1:41234 (https when <see cref="KubeApiTestServerOptions.UseTls"/> is set).</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Fault injection: errors, throttling, latency, dropped watches, compaction.</summary>
    public FaultInjector Faults { get; }

    public KubeApiTestServerOptions Options { get; }

    /// <summary>The newest resourceVersion handed out (every write takes the next one).</summary>
    public long CurrentResourceVersion => store.CurrentResourceVersion;

    /// <summary>Watches currently open.</summary>
    public int OpenWatchCount => store.OpenWatchCount;

    /// <summary>The most recent requests (up to 10,000), oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => handler.Recorded;

    /// <summary>Requests answered with an error Status so far.</summary>
    public long FailedRequestCount => handler.FailedRequests;

    /// <summary>PEM of the serving certificate (its own CA) when TLS is on; null otherwise.</summary>
    public string? CertificateAuthorityPem => certificate?.ExportCertificatePem();

    /// <summary>Starts a server on 127.0.0.1 on a free port.</summary>
    public static async Task<KubeApiTestServer> StartAsync(KubeApiTestServerOptions? options = null, CancellationToken ct = default)
    {
        options ??= new KubeApiTestServerOptions();
        options.Validate();
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var store = new ObjectStore(options.WatchWindow);
        var registry = new ResourceRegistry();
        var committer = new ObjectCommitter(store, registry, options.TimeProvider);
        var collector = new GarbageCollector(committer);
        var identity = new ObjectIdentity(options.Seed);
        var reader = new ResourceReader(store);
        var writer = new ResourceWriter(committer, collector, identity);
        var deleter = new ResourceDeleter(committer, collector);
        var faults = new FaultInjector(store);
        var handler = new ApiHandler(registry, reader, writer, deleter, new WatchStreamer(store, options.TimeProvider), faults, options,
            loggerFactory.CreateLogger<KubeApiTestServer>());
        var certificate = options.UseTls ? SelfSignedCertificate.Create(options.TimeProvider) : null;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = certificate is null ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        app.Run(handler.HandleAsync);

        var server = new KubeApiTestServer(options, app, store, registry, reader, writer, handler, faults, certificate);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        server.BaseAddress = new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{port}/");
        handler.ServerAddress = $"127.0.0.1:{port}";
        foreach (var ns in options.InitialNamespaces)
        {
            server.CreateObject(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } });
        }

        return server;
    }

    /// <summary>Serves a custom resource without a CRD object (creating a CustomResourceDefinition through the API does this too).</summary>
    public void RegisterCustomResource(string group, string version, string plural, string kind, bool namespaced = true, string? listKind = null,
        string[]? shortNames = null, bool hasStatusSubresource = true) =>
        registry.Register(CustomResourceDefinitions.Create(group, version, plural, kind, namespaced, listKind, shortNames, hasStatusSubresource));

    /// <summary>Writes a kubeconfig for this server (atomically) and returns its full path.</summary>
    public string WriteKubeconfig(string path, string? token = null, string defaultNamespace = "default")
    {
        var full = Path.GetFullPath(path);
        KubeconfigWriter.Write(full, KubeconfigWriter.Render(BaseAddress, token ?? Options.Token, CertificateAuthorityPem, defaultNamespace));
        return full;
    }

    /// <summary>An HttpClient for this server: base address set, the configured token sent, the TLS certificate trusted.</summary>
    public HttpClient CreateHttpClient()
    {
        var handlerOptions = new SocketsHttpHandler();
        if (certificate is not null)
        {
            var trusted = X509CertificateLoader.LoadCertificate(certificate.RawData);
            handlerOptions.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == trusted.GetCertHashString();
        }

        var client = new HttpClient(handlerOptions) { BaseAddress = BaseAddress };
        if (Options.Token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Options.Token);
        }

        return client;
    }

    /// <summary>Peeks at stored state: the object as served at <paramref name="apiVersion"/>, or null. <paramref name="kindOrPlural"/> may be a kind, plural, singular or short name.</summary>
    public JsonObject? Get(string apiVersion, string kindOrPlural, string? ns, string name)
    {
        var type = Resolve(apiVersion, kindOrPlural);
        lock (store.Sync)
        {
            var obj = store.Get(type.Key, type.Namespaced ? ns ?? string.Empty : string.Empty, name);
            return obj is null ? null : ResourceReader.Render(obj, type, VersionOf(apiVersion));
        }
    }

    /// <summary>Peeks at stored state: all objects of a resource (in a namespace, or everywhere when null), optionally filtered by a label selector.</summary>
    public IReadOnlyList<JsonObject> List(string apiVersion, string kindOrPlural, string? ns = null, string? labelSelector = null)
    {
        var type = Resolve(apiVersion, kindOrPlural);
        var list = reader.List(type, VersionOf(apiVersion), type.Namespaced ? ns : null, LabelSelector.Parse(labelSelector), FieldSelector.Everything, 0, null);
        return [.. list["items"]!.AsArray().OfType<JsonObject>().Select(o => ResourceReader.Render(o, type, VersionOf(apiVersion)))];
    }

    /// <summary>Creates an object directly (same rules as POST), with field manager "k8sgossip-test". Returns the stored object.</summary>
    public JsonObject CreateObject(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var apiVersion = (string?)obj["apiVersion"] ?? throw new ArgumentException("apiVersion is required", nameof(obj));
        var type = Resolve(apiVersion, (string?)obj["kind"] ?? throw new ArgumentException("kind is required", nameof(obj)));
        var ns = type.Namespaced ? (string?)obj["metadata"]?["namespace"] ?? "default" : string.Empty;
        var created = writer.Create(new WriteRequest(type, VersionOf(apiVersion), ns, string.Empty, TestManager), obj);
        return ResourceReader.Render(created, type, VersionOf(apiVersion));
    }

    /// <summary>Sends a BOOKMARK now on every open watch that allows bookmarks.</summary>
    public void SendBookmarks() => store.Bookmark();

    public async ValueTask DisposeAsync()
    {
        await bookmarkTimer.DisposeAsync();
        await stopping.CancelAsync();
        store.DropWatches();
        // A wall-clock bound on shutdown: the configured TimeProvider may be a test clock that never moves.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
        stopping.Dispose();
        certificate?.Dispose();
    }

    private ResourceType Resolve(string apiVersion, string kindOrPlural) =>
        registry.Resolve(apiVersion, kindOrPlural) ?? throw new ArgumentException($"no resource {kindOrPlural} is served at {apiVersion}", nameof(kindOrPlural));

    private static string VersionOf(string apiVersion) => apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
