using Google.Protobuf;
using K8sGossip.Rpc.Server;
using K8sGossip.Rpc.Tests.Interop;

namespace K8sGossip.Rpc.Tests.Support;

/// <summary>The Echo service implemented on our server, recording what handlers observed.</summary>
internal sealed class EchoService
{
    /// <summary>Completes when a handler's call token fires; carries whether the deadline had passed by then.</summary>
    public TaskCompletionSource<bool> CancellationObserved { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The request headers of the last unary call.</summary>
    public Dictionary<string, string> LastHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    public RpcServiceRegistry CreateRegistry() => new RpcServiceRegistry()
        .AddUnary(EchoMethods.Unary, UnaryAsync)
        .AddServerStreaming(EchoMethods.ServerStream, ServerStreamAsync)
        .AddClientStreaming(EchoMethods.ClientStream, ClientStreamAsync)
        .AddDuplexStreaming(EchoMethods.Bidi, BidiAsync);

    private async Task<EchoReply> UnaryAsync(EchoRequest request, ServerCallContext context)
    {
        lock (LastHeaders)
        {
            foreach (var header in context.RequestHeaders)
            {
                LastHeaders[header.Key] = header.Value.ToString();
            }
        }

        if (request.DelayMs > 0)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(request.DelayMs), context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                CancellationObserved.TrySetResult(context.Deadline is { } deadline && TimeProvider.System.GetUtcNow() >= deadline - TimeSpan.FromMilliseconds(50));
                throw;
            }
        }

        ThrowIfRequested(request);
        return new EchoReply { Text = request.Text, Payload = request.Payload };
    }

    private static async Task ServerStreamAsync(EchoRequest request, IAsyncStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        for (int i = 0; i < request.Count; i++)
        {
            await responses.WriteAsync(new EchoReply { Text = request.Text, Index = i, Payload = request.Payload }, context.CancellationToken);
        }

        ThrowIfRequested(request);
    }

    private static async Task<EchoReply> ClientStreamAsync(IAsyncStreamReader<EchoRequest> requests, ServerCallContext context)
    {
        var texts = new List<string>();
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
        {
            texts.Add(request.Text);
        }

        return new EchoReply { Text = string.Join(',', texts), Index = texts.Count };
    }

    private async Task BidiAsync(IAsyncStreamReader<EchoRequest> requests, IAsyncStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        int index = 0;
        try
        {
            while (await requests.MoveNext(context.CancellationToken))
            {
                var request = requests.Current;
                ThrowIfRequested(request);
                await responses.WriteAsync(new EchoReply { Text = request.Text, Index = index++, Payload = request.Payload }, context.CancellationToken);
            }
        }
        catch (Exception) when (context.CancellationToken.IsCancellationRequested)
        {
            CancellationObserved.TrySetResult(context.Deadline is { } deadline && TimeProvider.System.GetUtcNow() >= deadline - TimeSpan.FromMilliseconds(50));
            throw;
        }
    }

    private static void ThrowIfRequested(EchoRequest request)
    {
        if (request.FailCode != 0)
        {
            throw new RpcException((StatusCode)request.FailCode, request.FailMessage);
        }
    }

    public static EchoRequest Request(string text, int payloadSize = 0) => new()
    {
        Text = text,
        Payload = payloadSize == 0 ? ByteString.Empty : ByteString.CopyFrom(new byte[payloadSize]),
    };
}
