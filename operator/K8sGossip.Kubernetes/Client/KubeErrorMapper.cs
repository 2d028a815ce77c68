using System.Net;
using System.Text;
using System.Text.Json;
using K8sGossip.Kubernetes.Errors;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Kubernetes.Serialization;

namespace K8sGossip.Kubernetes.Client;

/// <summary>Turns an error response (status code plus Status body) into the matching typed exception.</summary>
internal static class KubeErrorMapper
{
    private const int MaxBodyInMessage = 512;

    /// <summary>Parses a Status body; null when the body is not a Status object.</summary>
    public static KubeStatus? ParseStatus(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            var status = JsonSerializer.Deserialize(body, KubeJsonContext.Default.KubeStatus);
            return status?.Kind == "Status" || status?.Reason is not null || status?.Message is not null ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Builds the exception for an error response.</summary>
    public static KubeApiException Map(KubeRequest request, HttpStatusCode code, KubeStatus? status, byte[] body, TimeSpan? retryAfter)
    {
        var serverMessage = status?.Message;
        if (string.IsNullOrEmpty(serverMessage))
        {
            serverMessage = body.Length == 0 ? code.ToString() : Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, MaxBodyInMessage));
        }

        var prefix = $"{request.Describe()} failed with {(int)code} {status?.Reason ?? code.ToString()}";
        switch (code)
        {
            case HttpStatusCode.NotFound:
                return new KubeNotFoundException($"{prefix}: {serverMessage}", code, status);
            case HttpStatusCode.Conflict when status?.Reason == "AlreadyExists":
                return new KubeAlreadyExistsException($"{prefix}: {serverMessage}", code, status);
            case HttpStatusCode.Conflict:
                return new KubeConflictException($"{prefix}: {serverMessage}", code, status);
            case HttpStatusCode.UnprocessableEntity:
                return new KubeInvalidException($"{prefix}: {serverMessage}{DescribeCauses(status)}", code, status);
            case HttpStatusCode.Forbidden:
                return new KubeForbiddenException(
                    $"Forbidden: cannot {request.Rbac}. Server said: {serverMessage}",
                    code,
                    status,
                    request.Rbac);
            case HttpStatusCode.Unauthorized:
                return new KubeUnauthorizedException($"{prefix}: the token or client certificate was rejected ({serverMessage}).", code, status);
            case HttpStatusCode.Gone:
                return new KubeGoneException($"{prefix}: {serverMessage}", code, status);
            case HttpStatusCode.TooManyRequests:
                return new KubeTooManyRequestsException($"{prefix}: {serverMessage}", code, status, retryAfter);
            case >= HttpStatusCode.InternalServerError:
                return new KubeServerErrorException($"{prefix}: {serverMessage}", code, status);
            default:
                return new KubeApiException($"{prefix}: {serverMessage}", code, status);
        }
    }

    /// <summary>Maps an ERROR event of a watch stream.</summary>
    public static KubeApiException MapWatchError(KubeRequest request, KubeStatus? status)
    {
        var code = (HttpStatusCode)(status?.Code ?? 500);
        return Map(request, code, status, [], null);
    }

    private static string DescribeCauses(KubeStatus? status)
    {
        var causes = status?.Details?.Causes;
        if (causes is null || causes.Count == 0)
        {
            return "";
        }

        return " [" + string.Join("; ", causes.Select(c => $"{c.Field}: {c.Reason}: {c.Message}")) + "]";
    }
}
