using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Lifecycle;
using K8sGossip.Kubernetes.TestServer.Selectors;
using K8sGossip.Kubernetes.TestServer.Storage;
using K8sGossip.Kubernetes.TestServer.Watch;
using Microsoft.AspNetCore.Http;

namespace K8sGossip.Kubernetes.TestServer.Http;

/// <summary>What a watch asked for.</summary>
internal sealed record WatchQuery(LabelSelector Labels, FieldSelector Fields, string? ResourceVersion, bool AllowBookmarks, int? TimeoutSeconds, bool SendInitialEvents);

/// <summary>
/// Streams watch events as newline-delimited JSON. Selector transitions turn into ADDED/DELETED as the real API does,
/// an expired resourceVersion becomes an ERROR event carrying a 410 Status, and a dropped watch aborts the connection.
/// </summary>
internal sealed class WatchStreamer(ObjectStore store, TimeProvider time)
{
    public async Task StreamAsync(HttpContext context, ApiPath path, WatchQuery query, CancellationToken stopping)
    {
        long? since = null;
        if (!string.IsNullOrEmpty(query.ResourceVersion) && query.ResourceVersion != "0")
        {
            if (!long.TryParse(query.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw ApiErrors.BadRequest($"resourceVersion: Invalid value: \"{query.ResourceVersion}\": must be a number");
            }

            since = parsed;
        }

        WatchSubscription subscription;
        try
        {
            subscription = store.Subscribe(path.Type.Key, since);
        }
        catch (ApiException gone) when (gone.Code == 410)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await WriteAsync(context, new JsonObject { ["type"] = "ERROR", ["object"] = gone.ToStatus() }, stopping);
            return;
        }

        using (subscription)
        {
            using var timeout = query.TimeoutSeconds is > 0
                ? new CancellationTokenSource(TimeSpan.FromSeconds(query.TimeoutSeconds.Value), time)
                : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping, timeout.Token, subscription.Dropped);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.StartAsync(linked.Token);
            await context.Response.Body.FlushAsync(linked.Token);
            var initialPending = since is null && query.SendInitialEvents && query.AllowBookmarks;
            var initialCount = subscription.InitialEventCount;
            try
            {
                if (initialPending && initialCount == 0)
                {
                    await WriteAsync(context, Bookmark(path, store.CurrentResourceVersion, initialEnd: true), linked.Token);
                    initialPending = false;
                }

                await foreach (var e in subscription.Events.Reader.ReadAllAsync(linked.Token))
                {
                    initialCount--;
                    if (e.Type == WatchEvent.Bookmark)
                    {
                        if (query.AllowBookmarks)
                        {
                            await WriteAsync(context, Bookmark(path, e.ResourceVersion, initialEnd: false), linked.Token);
                        }

                        continue;
                    }

                    if (Translate(e, path, query) is { } line)
                    {
                        await WriteAsync(context, line, linked.Token);
                    }

                    if (initialPending && initialCount == 0)
                    {
                        await WriteAsync(context, Bookmark(path, e.ResourceVersion, initialEnd: true), linked.Token);
                        initialPending = false;
                    }
                }
            }
            catch (OperationCanceledException) when (subscription.Dropped.IsCancellationRequested)
            {
                context.Abort();
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested || stopping.IsCancellationRequested || context.RequestAborted.IsCancellationRequested)
            {
                // A timed-out watch ends cleanly, as the real server closes it after timeoutSeconds.
            }
        }
    }

    private static JsonObject? Translate(WatchEvent e, ApiPath path, WatchQuery query)
    {
        if (path.Namespace is not null && e.Namespace != path.Namespace)
        {
            return null;
        }

        if (path.Name is not null && e.Name != path.Name)
        {
            return null;
        }

        var now = e.Object is not null && query.Labels.Matches(e.Object) && query.Fields.Matches(e.Object);
        var before = e.Previous is not null && query.Labels.Matches(e.Previous) && query.Fields.Matches(e.Previous);
        var type = (e.Type, before, now) switch
        {
            (WatchEvent.Added, _, true) => WatchEvent.Added,
            (WatchEvent.Modified, true, true) => WatchEvent.Modified,
            (WatchEvent.Modified, false, true) => WatchEvent.Added,
            (WatchEvent.Modified, true, false) => WatchEvent.Deleted,
            (WatchEvent.Deleted, _, _) when before || now => WatchEvent.Deleted,
            _ => null,
        };
        return type is null ? null : new JsonObject { ["type"] = type, ["object"] = ResourceReader.Render(e.Object!, path.Type, path.Version) };
    }

    private static JsonObject Bookmark(ApiPath path, long resourceVersion, bool initialEnd)
    {
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (initialEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        return new JsonObject
        {
            ["type"] = WatchEvent.Bookmark,
            ["object"] = new JsonObject { ["kind"] = path.Type.Kind, ["apiVersion"] = path.Type.ApiVersion(path.Version), ["metadata"] = metadata },
        };
    }

    private static async Task WriteAsync(HttpContext context, JsonObject line, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(line.ToJsonString() + "\n");
        await context.Response.Body.WriteAsync(bytes, ct);
        await context.Response.Body.FlushAsync(ct);
    }
}
