using System.Runtime.CompilerServices;
using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.Diagnostics;
using K8sGossip.Kubernetes.Errors;
using K8sGossip.Kubernetes.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Kubernetes.Watching;

/// <summary>A watch that survives dropped connections: it reconnects with backoff from the last version it saw.</summary>
/// <remarks>
/// Every delivered event (bookmarks included) advances the resume version, so a reconnect neither repeats
/// nor skips events. When the server no longer has that version (410 Gone, as HTTP status or ERROR event),
/// the enumeration ends with <see cref="WatchExpiredException"/>: only a relist can recover from that.
/// </remarks>
/// <typeparam name="T">The object type.</typeparam>
public sealed partial class ResilientWatcher<T>
    where T : KubeObject
{
    private readonly IKubeApi _api;
    private readonly KubeResource<T> _resource;
    private readonly string? _namespace;
    private readonly ResilientWatcherOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a watcher of <paramref name="resource"/> in <paramref name="namespace"/> (all namespaces when null).</summary>
    public ResilientWatcher(IKubeApi api, KubeResource<T> resource, string? @namespace, ResilientWatcherOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(resource);
        _api = api;
        _resource = resource;
        _namespace = @namespace;
        _options = options ?? new ResilientWatcherOptions();
        _options.Validate();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The last version seen; where the next reconnect resumes.</summary>
    public string? ResourceVersion { get; private set; }

    /// <summary>How many times the watch was re-established after ending or failing.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Streams events from <paramref name="resourceVersion"/> on until cancelled.</summary>
    /// <exception cref="WatchExpiredException">The resume version expired; relist and start a new watch.</exception>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ResourceVersion = resourceVersion;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var watchOptions = new WatchOptions
            {
                ResourceVersion = ResourceVersion,
                AllowWatchBookmarks = true,
                TimeoutSeconds = _options.TimeoutSeconds,
                LabelSelector = _options.LabelSelector,
                FieldSelector = _options.FieldSelector,
            };
            var received = 0;
            KubeApiException? failure = null;
            var events = _api.WatchAsync(_resource, _namespace, watchOptions, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    try
                    {
                        if (!await events.MoveNextAsync())
                        {
                            break;
                        }
                    }
                    catch (KubeGoneException ex)
                    {
                        Log.Expired(_logger, _resource.Descriptor.QualifiedPlural, ResourceVersion);
                        throw new WatchExpiredException(ResourceVersion, ex);
                    }
                    catch (KubeApiException ex)
                    {
                        failure = ex;
                        break;
                    }

                    var change = events.Current;
                    if (!string.IsNullOrEmpty(change.ResourceVersion))
                    {
                        ResourceVersion = change.ResourceVersion;
                    }

                    received++;
                    failures = 0;
                    yield return change;
                }
            }
            finally
            {
                await events.DisposeAsync();
            }

            Reconnects++;
            KubernetesMetrics.WatchReconnects.Add(1, new KeyValuePair<string, object?>("resource", _resource.Descriptor.Plural));
            if (failure is null && received > 0)
            {
                continue;
            }

            // A failure, or a watch the server ended without delivering anything: back off so a bad server is not hammered.
            failures++;
            var delay = Backoff(failures);
            if (failure is not null)
            {
                Log.WatchFailed(_logger, _resource.Descriptor.QualifiedPlural, ResourceVersion, delay.TotalMilliseconds, failure.Message);
            }

            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var ms = _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        return TimeSpan.FromMilliseconds(Math.Min(ms, _options.MaxBackoff.TotalMilliseconds));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Watch of {Resource} from version {ResourceVersion} failed; reconnecting in {DelayMs} ms: {Reason}")]
        public static partial void WatchFailed(ILogger logger, string resource, string? resourceVersion, double delayMs, string reason);

        [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Watch of {Resource} from version {ResourceVersion} expired (410 Gone); relist needed")]
        public static partial void Expired(ILogger logger, string resource, string? resourceVersion);
    }
}
