using System.Globalization;
using System.Net.Http.Headers;
using K8sGossip.Rpc.Wire;

namespace K8sGossip.Rpc.Client;

/// <summary>Reads <c>grpc-status</c> and <c>grpc-message</c> from response headers or trailers.</summary>
internal static class ClientResponseStatus
{
    public static bool TryRead(HttpHeaders headers, out RpcStatus status)
    {
        status = default;
        if (!headers.TryGetValues(GrpcProtocol.StatusHeader, out var values))
        {
            return false;
        }

        string raw = values.FirstOrDefault() ?? string.Empty;
        string detail = headers.TryGetValues(GrpcProtocol.MessageHeader, out var messages)
            ? StatusMessageEncoding.Decode(messages.FirstOrDefault() ?? string.Empty)
            : string.Empty;
        status = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int code) && code is >= 0 and <= 16
            ? new RpcStatus((StatusCode)code, detail)
            : new RpcStatus(StatusCode.Unknown, $"Invalid grpc-status '{raw}' received. {detail}".TrimEnd());
        return true;
    }
}
