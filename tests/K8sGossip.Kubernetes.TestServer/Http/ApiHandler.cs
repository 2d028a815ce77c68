using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Apply;
using K8sGossip.Kubernetes.TestServer.Lifecycle;
using K8sGossip.Kubernetes.TestServer.Patching;
using K8sGossip.Kubernetes.TestServer.Resources;
using K8sGossip.Kubernetes.TestServer.Selectors;
using K8sGossip.Kubernetes.TestServer.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Kubernetes.TestServer.Http;

/// <summary>The single request entry point: authentication, fault injection, discovery, and dispatch to the verbs.</summary>
internal sealed partial class ApiHandler(
    ResourceRegistry registry,
    ResourceReader reader,
    ResourceWriter writer,
    ResourceDeleter deleter,
    WatchStreamer watches,
    FaultInjector faults,
    KubeApiTestServerOptions options,
    ILogger logger)
{
    private const int RecordedLimit = 10_000;
    private readonly ConcurrentQueue<RecordedRequest> recorded = new();
    private long failedRequests;

    public string ServerAddress { get; set; } = "127.0.0.1";

    public CancellationToken Stopping { get; set; }

    public IReadOnlyList<RecordedRequest> Recorded => [.. recorded];

    public long FailedRequests => Interlocked.Read(ref failedRequests);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        try
        {
            Authenticate(request);
            var path = request.Path.Value ?? "/";
            var apiPath = ApiPath.Parse(path, registry);
            var verb = apiPath is null ? "discovery" : VerbOf(request, apiPath);
            var (failure, delay) = faults.Evaluate(new FaultRequest(request.Method, path, verb, apiPath?.Type.Group, apiPath?.Type.Plural,
                apiPath?.Namespace, apiPath?.Name, apiPath?.Subresource is { Length: > 0 } s ? s : null));
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, options.TimeProvider, context.RequestAborted);
            }

            if (failure is not null)
            {
                throw failure;
            }

            if (apiPath is null)
            {
                await ServeDiscoveryAsync(context, path);
            }
            else
            {
                await ServeResourceAsync(context, apiPath, verb);
            }
        }
        catch (ApiException ex)
        {
            Interlocked.Increment(ref failedRequests);
            LogRejected(logger, request.Method, request.Path.Value ?? string.Empty, ex.Code, ex.Reason, ex.Message);
            if (!context.Response.HasStarted)
            {
                if (ex.RetryAfterSeconds is { } retry)
                {
                    context.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                }

                await WriteJsonAsync(context, ex.Code, ex.ToStatus());
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || Stopping.IsCancellationRequested)
        {
            // The client went away or the server is stopping: nothing left to answer.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Increment(ref failedRequests);
            LogUnexpected(logger, request.Method, request.Path.Value ?? string.Empty, ex);
            if (!context.Response.HasStarted)
            {
                await WriteJsonAsync(context, 500, ApiErrors.Internal(ex.Message).ToStatus());
            }
        }
        finally
        {
            recorded.Enqueue(new RecordedRequest(request.Method, request.Path + request.QueryString, request.ContentType,
                request.Headers.UserAgent.ToString(), context.Response.StatusCode));
            while (recorded.Count > RecordedLimit && recorded.TryDequeue(out _))
            {
                // Keep only the most recent requests.
            }
        }
    }

    private void Authenticate(HttpRequest request)
    {
        if (!options.RequireBearerToken)
        {
            return;
        }

        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || header["Bearer ".Length..].Trim() != options.Token)
        {
            throw ApiErrors.Unauthorized();
        }
    }

    private static string VerbOf(HttpRequest request, ApiPath path) => request.Method switch
    {
        "GET" when path.LegacyWatch || IsTrue(request.Query["watch"]) => "watch",
        "GET" => path.Name is null ? "list" : "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => path.Name is null ? "deletecollection" : "delete",
        _ => request.Method.ToLowerInvariant(),
    };

    private async Task ServeDiscoveryAsync(HttpContext context, string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        JsonObject? body = segments switch
        {
            ["version"] => DiscoveryDocuments.Version(),
            ["api"] => DiscoveryDocuments.CoreVersions(ServerAddress),
            ["api", var v] => DiscoveryDocuments.ResourceList(registry, string.Empty, v),
            ["apis"] => DiscoveryDocuments.GroupList(registry),
            ["apis", var g] => DiscoveryDocuments.Group(registry, g),
            ["apis", var g, var v] => DiscoveryDocuments.ResourceList(registry, g, v),
            ["openapi", "v3"] => OpenApiDocuments.Index(registry),
            ["openapi", "v3", "api", var v] => OpenApiDocuments.Document(registry, string.Empty, v),
            ["openapi", "v3", "apis", var g, var v] => OpenApiDocuments.Document(registry, g, v),
            _ => null,
        };
        if (segments is ["healthz" or "livez" or "readyz"])
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("ok", context.RequestAborted);
            return;
        }

        if (body is null)
        {
            context.Response.StatusCode = 404;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("404 page not found\n", context.RequestAborted);
            return;
        }

        if (context.Request.Method != "GET")
        {
            throw ApiErrors.MethodNotAllowed(context.Request.Method);
        }

        await WriteJsonAsync(context, 200, body);
    }

    private async Task ServeResourceAsync(HttpContext context, ApiPath path, string verb)
    {
        var query = context.Request.Query;
        if (query["dryRun"].Count > 0)
        {
            throw ApiErrors.BadRequest("dryRun is not supported by this server");
        }

        var ns = path.Namespace ?? string.Empty;
        if (path.Type.Namespaced && path.Name is not null && path.Namespace is null)
        {
            throw ApiErrors.NotFoundRaw("the server could not find the requested resource");
        }

        switch (verb)
        {
            case "get":
                await WriteJsonAsync(context, 200, reader.Get(path.Type, path.Version, ns, path.Name!));
                return;
            case "list":
                var limit = ParseInt(query["limit"], "limit") ?? 0;
                long? exact = query["resourceVersionMatch"] == "Exact" ? ParseInt64(query["resourceVersion"], "resourceVersion") : null;
                await WriteJsonAsync(context, 200, reader.List(path.Type, path.Version, path.Namespace, LabelSelector.Parse(query["labelSelector"]),
                    FieldSelector.Parse(query["fieldSelector"], path.Type), limit, query["continue"], exact));
                return;
            case "watch":
                var watchQuery = new WatchQuery(LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"], path.Type),
                    query["resourceVersion"], IsTrue(query["allowWatchBookmarks"]), ParseInt(query["timeoutSeconds"], "timeoutSeconds"),
                    IsTrue(query["sendInitialEvents"]));
                await watches.StreamAsync(context, path, watchQuery, Stopping);
                return;
            case "create" when path.Name is null:
                var created = writer.Create(Request(context, path, ns), await ReadObjectAsync(context));
                await WriteJsonAsync(context, 201, ResourceReader.Render(created, path.Type, path.Version));
                return;
            case "update" when path.Name is not null:
                var (updated, createdByUpdate) = writer.Update(Request(context, path, ns), path.Name, await ReadObjectAsync(context));
                await WriteJsonAsync(context, createdByUpdate ? 201 : 200, ResourceReader.Render(updated, path.Type, path.Version));
                return;
            case "patch" when path.Name is not null:
                await PatchAsync(context, path, ns);
                return;
            case "delete":
                var deleteOptions = DeleteOptions.From(await ReadOptionalObjectAsync(context), query["propagationPolicy"]);
                var (body, _) = deleter.Delete(path.Type, path.Version, ns, path.Name!, deleteOptions);
                await WriteJsonAsync(context, 200, body);
                return;
            case "deletecollection":
                var collectionOptions = DeleteOptions.From(await ReadOptionalObjectAsync(context), query["propagationPolicy"]);
                await WriteJsonAsync(context, 200, deleter.DeleteCollection(path.Type, path.Version, path.Namespace,
                    LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"], path.Type), collectionOptions));
                return;
            default:
                throw ApiErrors.MethodNotAllowed(context.Request.Method);
        }
    }

    private async Task PatchAsync(HttpContext context, ApiPath path, string ns)
    {
        var contentType = (context.Request.ContentType ?? string.Empty).Split(';')[0].Trim();
        var text = await ReadTextAsync(context);
        var force = context.Request.Query["force"];
        if (contentType == "application/apply-patch+yaml" || contentType == "application/apply-patch+cbor")
        {
            var request = new WriteRequest(path.Type, path.Version, ns, path.Subresource, context.Request.Query["fieldManager"].ToString());
            var (obj, created) = writer.ApplyPatch(request, path.Name!, text, IsTrue(force));
            await WriteJsonAsync(context, created ? 201 : 200, ResourceReader.Render(obj, path.Type, path.Version));
            return;
        }

        if (force.Count > 0)
        {
            throw ApiErrors.InvalidOptions("PatchOptions", "force", "FieldValueForbidden", "Forbidden: may not be specified for non-apply patch");
        }

        var patched = writer.Patch(Request(context, path, ns), path.Name!, contentType, text);
        await WriteJsonAsync(context, 200, ResourceReader.Render(patched, path.Type, path.Version));
    }

    private static WriteRequest Request(HttpContext context, ApiPath path, string ns)
    {
        var manager = context.Request.Query["fieldManager"].ToString();
        if (manager.Length == 0)
        {
            manager = FieldOwnership.DefaultManager(context.Request.Headers.UserAgent.ToString());
        }

        return new WriteRequest(path.Type, path.Version, ns, path.Subresource, manager);
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context) =>
        await ReadOptionalObjectAsync(context) ?? throw ApiErrors.BadRequest("the request body must be an object");

    private static async Task<JsonObject?> ReadOptionalObjectAsync(HttpContext context)
    {
        var text = await ReadTextAsync(context);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var contentType = context.Request.ContentType ?? string.Empty;
        if (contentType.Contains("protobuf", StringComparison.Ordinal) || contentType.Contains("cbor", StringComparison.Ordinal))
        {
            throw ApiErrors.UnsupportedMediaType(contentType);
        }

        try
        {
            var node = contentType.Contains("yaml", StringComparison.Ordinal) ? YamlDocument.Parse(text) : JsonNode.Parse(text);
            return node as JsonObject ?? throw ApiErrors.BadRequest("the request body must be an object");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw ApiErrors.BadRequest($"error decoding request body: {ex.Message}");
        }
    }

    private static async Task<string> ReadTextAsync(HttpContext context)
    {
        using var bodyReader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await bodyReader.ReadToEndAsync(context.RequestAborted);
    }

    private static int? ParseInt(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw ApiErrors.BadRequest($"{name}: Invalid value: \"{value}\": must be a non-negative integer");
    }

    private static long ParseInt64(string? value, string name) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw ApiErrors.BadRequest($"{name}: Invalid value: \"{value}\": must be a non-negative integer");

    private static bool IsTrue(string? value) => value is "true" or "1" or "True";

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body.ToJsonString()), context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request {Method} {Path} answered {Code} {Reason}: {Detail}")]
    private static partial void LogRejected(ILogger logger, string method, string path, int code, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, string method, string path, Exception exception);
}
