using System.Net.Http;
using K8sGossip.Rpc.Wire;

namespace K8sGossip.Rpc.Client;

/// <summary>Turns transport failures seen by the client into gRPC statuses.</summary>
internal static class ClientFailureMapping
{
    public static RpcStatus FromException(Exception exception, Uri address)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is RpcException rpc)
            {
                return rpc.Status;
            }

            if (current is HttpProtocolException protocol)
            {
                return new RpcStatus(HttpStatusMapping.FromHttp2ErrorCode(protocol.ErrorCode), $"HTTP/2 error {protocol.ErrorCode} from {address}: {protocol.Message}");
            }
        }

        return exception switch
        {
            HttpRequestException request => new RpcStatus(StatusCode.Unavailable, $"Error connecting to {address}: {Describe(request)}"),
            IOException io => new RpcStatus(StatusCode.Unavailable, $"Error talking to {address}: {Describe(io)}"),
            OperationCanceledException => new RpcStatus(StatusCode.Cancelled, "The call was cancelled."),
            _ => new RpcStatus(StatusCode.Internal, $"Unexpected client failure: {exception.GetType().Name}: {exception.Message}"),
        };
    }

    private static string Describe(Exception exception) =>
        exception.InnerException is { } inner ? $"{exception.Message} ({inner.GetType().Name}: {inner.Message})" : exception.Message;
}
