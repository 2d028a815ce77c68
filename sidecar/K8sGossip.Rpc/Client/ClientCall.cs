using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using K8sGossip.Rpc.Wire;

namespace K8sGossip.Rpc.Client;

/// <summary>
/// One client call on an HTTP/2 stream: the request body is a pipe the caller writes into, the response body is
/// parsed as it arrives, and the status comes from the trailers (or the headers of a Trailers-Only response).
/// </summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
internal sealed class ClientCall<TRequest, TResponse> : IClientStreamWriter<TRequest>, IAsyncStreamReader<TResponse>, IClientCallState
{
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(30);
    private static readonly RpcStatus DeadlineStatus = new(StatusCode.DeadlineExceeded, "Deadline Exceeded");
    private static readonly RpcStatus CancelledStatus = new(StatusCode.Cancelled, "Call cancelled by the client.");

    private readonly RpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly Pipe _requestPipe;
    private readonly CancellationTokenSource _callSource = new();
    private readonly LinkedTokenCache _readTokens;
    private readonly CancellationToken _userToken;
    private readonly CancellationTokenSource? _deadlineSource;
    private readonly CancellationTokenRegistration _userRegistration;
    private readonly CancellationTokenRegistration _deadlineRegistration;
    private readonly Task<HttpResponseMessage>? _sendTask;
    private Task<HttpResponseHeaders>? _responseTask;
    private HttpResponseMessage? _response;
    private MessagePipeReader<TResponse>? _reader;
    private RpcStatus? _cancelStatus;
    private RpcStatus? _status;
    private bool _requestCompleted;
    private int _disposed;

    public ClientCall(RpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _requestPipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024, useSynchronizationContext: false));
        _callSource.Token.UnsafeRegister(static state => ((Pipe)state!).Writer.CancelPendingFlush(), _requestPipe);
        _readTokens = new LinkedTokenCache(_callSource.Token);
        _userToken = options.CancellationToken;

        TimeSpan? timeout = null;
        if (options.Deadline is { } deadline)
        {
            timeout = deadline - channel.Options.TimeProvider.GetUtcNow();
            if (timeout <= TimeSpan.Zero)
            {
                // Already expired: fail without touching the network, as the reference clients do.
                _status = DeadlineStatus;
                _cancelStatus = DeadlineStatus;
                return;
            }

            if (timeout < MaxTimerDelay)
            {
                _deadlineSource = new CancellationTokenSource(timeout.Value, channel.Options.TimeProvider);
                _deadlineRegistration = _deadlineSource.Token.UnsafeRegister(static state => ((ClientCall<TRequest, TResponse>)state!).Cancel(DeadlineStatus), this);
            }
        }

        if (options.CancellationToken.CanBeCanceled)
        {
            _userRegistration = options.CancellationToken.UnsafeRegister(static state => ((ClientCall<TRequest, TResponse>)state!).Cancel(CancelledStatus), this);
        }

        var request = CreateRequest(options, timeout);
        _sendTask = channel.Invoker.SendAsync(request, _callSource.Token);
    }

    public TResponse Current => _reader is null ? default! : _reader.Current;

    public void Write(TRequest message)
    {
        ThrowIfRequestClosed();
        try
        {
            MessageFraming.Write(_requestPipe.Writer, message, _method.RequestMarshaller, _channel.Options.MaxSendMessageSize);
        }
        catch (RpcException ex)
        {
            Cancel(ex.Status);
            throw;
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfRequestClosed();
        FlushResult result;
        try
        {
            result = await _requestPipe.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new RpcException(FinalStatusOr(ClientFailureMapping.FromException(ex, _channel.Address)), ex);
        }

        if (result.IsCanceled || result.IsCompleted)
        {
            throw new RpcException(FinalStatusOr(new RpcStatus(StatusCode.Unavailable, "The call ended before the request stream was complete.")));
        }
    }

    public ValueTask WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        Write(message);
        return FlushAsync(cancellationToken);
    }

    public async ValueTask CompleteAsync()
    {
        if (_requestCompleted)
        {
            return;
        }

        _requestCompleted = true;
        await _requestPipe.Writer.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>Writes the single request of a unary or server-streaming call and ends the request stream.</summary>
    public void WriteSingleAndComplete(TRequest message)
    {
        Write(message);
        _requestCompleted = true;
        _requestPipe.Writer.Complete();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        if (_reader is null)
        {
            await ResponseHeadersAsync().ConfigureAwait(false);
            if (_reader is null)
            {
                return FinishWith(_status ?? new RpcStatus(StatusCode.Internal, "The call ended without a status."));
            }
        }

        if (_status is { } finished)
        {
            return FinishWith(finished);
        }

        try
        {
            if (await ReadAsync(_reader, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested || _cancelStatus is not null)
        {
            throw Fail(ex);
        }

        // The body ended cleanly: the trailers are in.
        var trailers = _response!.TrailingHeaders;
        var status = ClientResponseStatus.TryRead(trailers, out var trailerStatus)
            ? trailerStatus
            : new RpcStatus(StatusCode.Internal, "The response ended without a grpc-status trailer.");
        _status = status;
        return FinishWith(status);
    }

    public Task<HttpResponseHeaders> ResponseHeadersAsync()
    {
        if (Volatile.Read(ref _responseTask) is { } started)
        {
            return started;
        }

        // The reader and a caller awaiting the headers may race to start receiving; only one may.
        lock (_requestPipe)
        {
            return _responseTask ??= ReceiveResponseAsync();
        }
    }

    public RpcStatus GetStatus() => _status ?? throw new InvalidOperationException("The call has not finished yet.");

    public HttpResponseHeaders? GetTrailers() => _status is null ? null : _response?.TrailingHeaders;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_status is null)
        {
            // Disposing a running call cancels it: the server sees RST_STREAM(CANCEL).
            Cancel(CancelledStatus);
            _status = CancelledStatus;
        }

        _userRegistration.Dispose();
        _deadlineRegistration.Dispose();
        _deadlineSource?.Dispose();
        _readTokens.Dispose();
        _requestPipe.Writer.Complete();
        _response?.Dispose();
        _sendTask?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private ValueTask<bool> ReadAsync(MessagePipeReader<TResponse> reader, CancellationToken cancellationToken) =>
        // The call's own token already cancels the call, so passing it again needs no linked source.
        reader.ReadNextAsync(cancellationToken == _userToken ? _callSource.Token : _readTokens.Combine(cancellationToken));

    private async Task<HttpResponseHeaders> ReceiveResponseAsync()
    {
        if (_sendTask is null)
        {
            throw new RpcException(_status ?? DeadlineStatus);
        }

        HttpResponseMessage response;
        try
        {
            response = await _sendTask.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }

        _response = response;
        if (_cancelStatus is not null)
        {
            // Cancelled while the headers were on their way: reset the stream now.
            response.Dispose();
            throw Fail(new OperationCanceledException());
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Fail(new RpcException(HttpStatusMapping.FromHttpStatus((int)response.StatusCode), $"Bad gRPC response: HTTP status {(int)response.StatusCode}."));
        }

        string? contentType = response.Content.Headers.TryGetValues("Content-Type", out var types) ? types.FirstOrDefault() : null;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            throw Fail(new RpcException(StatusCode.Unknown, $"Bad gRPC response: content type '{contentType}'."));
        }

        if (ClientResponseStatus.TryRead(response.Headers, out var trailersOnly))
        {
            // Trailers-Only: no messages, the status is in the headers.
            _status = trailersOnly;
            return response.Headers;
        }

        try
        {
            var body = await response.Content.ReadAsStreamAsync(_callSource.Token).ConfigureAwait(false);
            // Zero-byte reads wait for data before renting a buffer: a follow stream that sits idle (a channel with no
            // new blocks) then holds no 64 KiB buffer, which made up half of an idle channel's memory.
            var pipe = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, useZeroByteReads: true));
            _reader = new MessagePipeReader<TResponse>(pipe, _method.ResponseMarshaller, _channel.Options.MaxReceiveMessageSize);
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }

        return response.Headers;
    }

    private HttpRequestMessage CreateRequest(CallOptions options, TimeSpan? timeout)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.UriFor(_method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new PipeRequestContent(_requestPipe.Reader),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", GrpcProtocol.ContentType);
        request.Headers.TryAddWithoutValidation(GrpcProtocol.TeHeader, GrpcProtocol.TeTrailers);
        request.Headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.IdentityEncoding);
        if (timeout is { } t)
        {
            request.Headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(t));
        }

        if (options.Headers is { } headers)
        {
            foreach (var (key, value) in headers)
            {
                if (!request.Headers.TryAddWithoutValidation(key, value))
                {
                    throw new ArgumentException($"Header '{key}' cannot be sent as call metadata.", nameof(options));
                }
            }
        }

        return request;
    }

    private static bool FinishWith(RpcStatus status)
    {
        if (status.Code != StatusCode.OK)
        {
            throw new RpcException(status);
        }

        return false;
    }

    private RpcException Fail(Exception exception)
    {
        var status = _cancelStatus ?? ClientFailureMapping.FromException(exception, _channel.Address);
        _status ??= status;
        Cancel(status);
        return exception is RpcException rpc && rpc.Status == status ? rpc : new RpcException(status, exception);
    }

    private void Cancel(RpcStatus reason)
    {
        lock (_callSource)
        {
            _cancelStatus ??= reason;
        }

        try
        {
            _callSource.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call already finished and released its resources.
        }

        // Once the headers are in, cancelling the send no longer touches the stream; disposing the response does,
        // and resets the stream with RST_STREAM(CANCEL) so the server sees the cancellation.
        if (_status is null || _status.Value.Code != StatusCode.OK)
        {
            Volatile.Read(ref _response)?.Dispose();
        }
    }

    private RpcStatus FinalStatusOr(RpcStatus fallback) => _cancelStatus ?? _status ?? fallback;

    private void ThrowIfRequestClosed()
    {
        if (_cancelStatus is { } cancelled)
        {
            throw new RpcException(cancelled);
        }

        if (_status is { } status)
        {
            throw new RpcException(status.Code == StatusCode.OK ? new RpcStatus(StatusCode.FailedPrecondition, "The call has already finished.") : status);
        }

        if (_requestCompleted)
        {
            throw new InvalidOperationException("The request stream has already been completed.");
        }
    }
}
