using System.Globalization;
using K8sGossip.Rpc.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Rpc.Server;

/// <summary>Runs one gRPC call on an HTTP/2 request: validation, dispatch, deadline, status and trailers.</summary>
internal sealed partial class RpcRequestProcessor
{
    // CancellationTokenSource timers accept at most about 49 days; longer deadlines never fire in practice.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(30);

    private readonly RpcServiceRegistry _services;
    private readonly RpcServerOptions _options;
    private readonly ILogger _logger;

    public RpcRequestProcessor(RpcServiceRegistry services, RpcServerOptions options, ILogger logger)
    {
        _services = services;
        _options = options;
        _logger = logger;
    }

    public async Task ProcessAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        string path = request.Path.Value ?? string.Empty;
        if (!HttpMethods.IsPost(request.Method))
        {
            Reject(httpContext, StatusCodes.Status405MethodNotAllowed, "method", path, $"HTTP method {request.Method} is not POST");
            response.Headers.Allow = "POST";
            return;
        }

        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            Reject(httpContext, StatusCodes.Status426UpgradeRequired, "protocol", path, $"protocol {request.Protocol} is not HTTP/2");
            return;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            Reject(httpContext, StatusCodes.Status415UnsupportedMediaType, "content_type", path, $"content type '{request.ContentType}' is not application/grpc");
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        if (!_services.TryGetMethod(path, out var method))
        {
            RejectWithStatus(httpContext, "unknown_method", path, new RpcStatus(StatusCode.Unimplemented, $"Method {path} is not implemented by this server."));
            return;
        }

        string? encoding = request.Headers[GrpcProtocol.EncodingHeader];
        if (encoding is not null && !string.Equals(encoding, GrpcProtocol.IdentityEncoding, StringComparison.Ordinal))
        {
            response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.IdentityEncoding;
            RejectWithStatus(httpContext, "encoding", path, new RpcStatus(StatusCode.Unimplemented, $"Message encoding '{encoding}' is not supported; only identity is."));
            return;
        }

        TimeSpan? timeout = null;
        string? timeoutHeader = request.Headers[GrpcProtocol.TimeoutHeader];
        if (timeoutHeader is not null)
        {
            if (!GrpcTimeout.TryParse(timeoutHeader, out var parsed))
            {
                RejectWithStatus(httpContext, "timeout_header", path, new RpcStatus(StatusCode.Internal, $"Malformed grpc-timeout header '{timeoutHeader}'."));
                return;
            }

            timeout = parsed;
        }

        // A gossip stream lives for hours and may be idle: body size and minimum data rate limits do not apply.
        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }

        if (httpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRate)
        {
            minRate.MinDataRate = null;
        }

        await RunAsync(httpContext, method, path, timeout).ConfigureAwait(false);
    }

    private async Task RunAsync(HttpContext httpContext, ServerMethodBinding method, string path, TimeSpan? timeout)
    {
        var timeProvider = _options.TimeProvider;
        DateTimeOffset? deadline = timeout is { } t ? timeProvider.GetUtcNow() + t : null;
        using var deadlineSource = timeout is { } delay && delay < MaxTimerDelay ? new CancellationTokenSource(delay, timeProvider) : null;
        using var callSource = deadlineSource is null
            ? CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted)
            : CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, deadlineSource.Token);
        var context = new ServerCallContext(httpContext, path, deadline, callSource.Token);

        RpcStatus status;
        try
        {
            await method.InvokeAsync(httpContext, context, _options).ConfigureAwait(false);
            status = RpcStatus.Ok;
        }
        catch (RpcException ex)
        {
            status = ex.Status;
            LogHandlerStatus(path, status.Code, status.Detail);
        }
        catch (Exception) when (deadlineSource?.IsCancellationRequested == true)
        {
            status = new RpcStatus(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            LogDeadlineExceeded(path);
        }
        catch (Exception) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            status = new RpcStatus(StatusCode.Cancelled, "Call cancelled by the client.");
            LogCancelled(path);
        }
        catch (Exception ex)
        {
            // The exception text may hold internals; the client gets a generic detail, the log gets the cause.
            status = new RpcStatus(StatusCode.Unknown, "Exception was thrown by handler.");
            LogHandlerFailed(path, ex);
        }

        if (status.Code != StatusCode.OK)
        {
            RpcServerMetrics.CallsFailed.Add(1, new KeyValuePair<string, object?>("code", status.Code.ToString()));
        }

        if (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The stream is already reset; there is nobody to send a status to.
            return;
        }

        WriteStatus(httpContext.Response, status, trailersOnly: !context.ResponseStarted && !httpContext.Response.HasStarted);
    }

    private static void WriteStatus(HttpResponse response, RpcStatus status, bool trailersOnly)
    {
        string code = ((int)status.Code).ToString(CultureInfo.InvariantCulture);
        string? detail = status.Detail.Length == 0 ? null : StatusMessageEncoding.Encode(status.Detail);
        if (trailersOnly)
        {
            // Trailers-Only: the status rides in the only HEADERS frame, which carries END_STREAM.
            response.Headers[GrpcProtocol.StatusHeader] = code;
            if (detail is not null)
            {
                response.Headers[GrpcProtocol.MessageHeader] = detail;
            }

            return;
        }

        response.AppendTrailer(GrpcProtocol.StatusHeader, code);
        if (detail is not null)
        {
            response.AppendTrailer(GrpcProtocol.MessageHeader, detail);
        }
    }

    private void Reject(HttpContext httpContext, int httpStatus, string reason, string path, string cause)
    {
        RpcServerMetrics.RequestsRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
        LogRejected(path, httpContext.Connection.RemoteIpAddress?.ToString(), cause);
        httpContext.Response.StatusCode = httpStatus;
    }

    private void RejectWithStatus(HttpContext httpContext, string reason, string path, RpcStatus status)
    {
        RpcServerMetrics.RequestsRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
        LogRejected(path, httpContext.Connection.RemoteIpAddress?.ToString(), status.Detail);
        WriteStatus(httpContext.Response, status, trailersOnly: true);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Rejected RPC request {Path} from {Remote}: {Cause}")]
    private partial void LogRejected(string path, string? remote, string cause);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "RPC {Path} ended with status {Code}: {Detail}")]
    private partial void LogHandlerStatus(string path, StatusCode code, string detail);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "RPC {Path} exceeded its deadline")]
    private partial void LogDeadlineExceeded(string path);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "RPC {Path} was cancelled by the client")]
    private partial void LogCancelled(string path);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "RPC handler for {Path} threw")]
    private partial void LogHandlerFailed(string path, Exception exception);
}
