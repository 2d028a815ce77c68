using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using K8sGossip.Kubernetes.Errors;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Kubernetes.Serialization;

namespace K8sGossip.Kubernetes.Client;

/// <summary>The watch verb: one streaming request turned into typed events.</summary>
public sealed partial class KubeApiClient
{
    /// <inheritdoc />
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(
        KubeResource<T> resource,
        string? @namespace,
        WatchOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(options);
        var query = new List<KeyValuePair<string, string>> { new("watch", "true") };
        AddIfSet(query, "resourceVersion", options.ResourceVersion);
        if (options.AllowWatchBookmarks)
        {
            query.Add(new("allowWatchBookmarks", "true"));
        }

        AddIfSet(query, "timeoutSeconds", options.TimeoutSeconds?.ToString(CultureInfo.InvariantCulture));
        AddIfSet(query, "labelSelector", options.LabelSelector);
        AddIfSet(query, "fieldSelector", options.FieldSelector);
        var request = Request(resource, HttpMethod.Get, "watch", @namespace, null, null, idempotent: true) with { Query = query, IsWatch = true };

        // A watch that stays silent past the idle timeout is treated as hung (the server would have sent bookmarks or ended it).
        using var idle = new CancellationTokenSource(_options.WatchIdleTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        HttpResponseMessage response;
        try
        {
            response = await _transport.SendAsync(request, linked.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KubeRequestTimeoutException($"{request.Describe()}: no response headers within {_options.WatchIdleTimeout}.", ex);
        }

        using (response)
        {
            using var stream = await response.Content.ReadAsStreamAsync(linked.Token);
            using var reader = new StreamReader(stream);
            while (true)
            {
                var line = await ReadLineAsync(reader, request, linked.Token, cancellationToken);
                if (line is null)
                {
                    yield break;
                }

                idle.CancelAfter(_options.WatchIdleTimeout);
                if (line.Length == 0)
                {
                    continue;
                }

                yield return ParseEvent(line, resource, request);
            }
        }
    }

    private async Task<string?> ReadLineAsync(StreamReader reader, KubeRequest request, CancellationToken token, CancellationToken callerToken)
    {
        try
        {
            return await reader.ReadLineAsync(token);
        }
        catch (OperationCanceledException ex) when (!callerToken.IsCancellationRequested)
        {
            throw new KubeRequestTimeoutException($"{request.Describe()}: nothing received for {_options.WatchIdleTimeout}; the watch is considered hung.", ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new KubeUnreachableException($"{request.Describe()}: the watch connection to {Server} was interrupted: {ex.Message}", ex);
        }
    }

    private static WatchEvent<T> ParseEvent<T>(string line, KubeResource<T> resource, KubeRequest request)
        where T : KubeObject
    {
        WatchEventWire? wire;
        try
        {
            wire = JsonSerializer.Deserialize(line, KubeJsonContext.Default.WatchEventWire);
        }
        catch (JsonException ex)
        {
            throw new KubeApiException($"{request.Describe()}: malformed watch event: {ex.Message}", ex);
        }

        if (wire is null || wire.Object.ValueKind != JsonValueKind.Object)
        {
            throw new KubeApiException($"{request.Describe()}: watch event without an object.");
        }

        var type = wire.Type switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => throw KubeErrorMapper.MapWatchError(request, wire.Object.Deserialize(KubeJsonContext.Default.KubeStatus)),
            _ => throw new KubeApiException($"{request.Describe()}: unknown watch event type '{wire.Type}'."),
        };

        T? value;
        try
        {
            value = wire.Object.Deserialize(resource.TypeInfo);
        }
        catch (JsonException ex)
        {
            throw new KubeApiException($"{request.Describe()}: watch event object is not a valid {resource.Descriptor.Kind}: {ex.Message}", ex);
        }

        return new WatchEvent<T>(type, value ?? throw new KubeApiException($"{request.Describe()}: watch event with a null object."));
    }
}
