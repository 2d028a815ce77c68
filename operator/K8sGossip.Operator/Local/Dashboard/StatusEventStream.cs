using System.Numerics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Operator.Local.Dashboard;

/// <summary>
/// <c>/api/events</c>: Server-Sent Events carrying one status snapshot per interval until the page goes away or the
/// server stops. Each message is a whole <c>NetworkStatusJson</c> document, so a page that missed some loses nothing.
/// </summary>
internal sealed partial class StatusEventStream(StatusSnapshots snapshots, DashboardOptions options, DashboardCounters counters, ILogger logger)
{
    /// <summary>Serves one stream; returns when the client disconnects or <paramref name="stopping"/> fires.</summary>
    public async Task ServeAsync(HttpContext context, CancellationToken stopping)
    {
        if (!counters.TryOpenEventStream(options.MaxEventStreams))
        {
            if (BitOperations.IsPow2(counters.RefusedEventStreams))
            {
                Log.StreamRefused(logger, options.MaxEventStreams, counters.RefusedEventStreams);
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync($"At most {options.MaxEventStreams} pages may follow the network live; poll /api/status instead.\n", stopping);
            return;
        }

        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            await StreamAsync(context.Response, linked.Token);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            // The page went away or the dashboard stops: the stream simply ends.
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
            // A write raced the disconnect.
        }
        finally
        {
            counters.CloseEventStream();
        }
    }

    private async Task StreamAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // Tells EventSource how long to wait before reconnecting after the server goes away.
        await response.WriteAsync("retry: 2000\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);

        using var timer = new PeriodicTimer(options.UpdateInterval, options.TimeProvider);
        do
        {
            await response.WriteAsync(Frame(snapshots.TryTake()), cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    /// <summary>One SSE message: a <c>status</c> event with the JSON, or an <c>unavailable</c> event when the source failed.</summary>
    internal static string Frame(string? json)
    {
        if (json is null)
        {
            return "event: unavailable\ndata: {}\n\n";
        }

        var frame = new StringBuilder(json.Length + 32);
        frame.Append("event: status\n");
        foreach (var line in json.Split('\n'))
        {
            frame.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        }

        return frame.Append('\n').ToString();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "A page asked for a live event stream while {Limit} were open; it was refused and polls instead ({Refused} refused so far)")]
        public static partial void StreamRefused(ILogger logger, int limit, long refused);
    }
}
