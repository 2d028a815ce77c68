using System.Text.Json.Nodes;

namespace K8sGossip.Kubernetes.TestServer.Storage;

/// <summary>An API failure carrying the exact <c>Status</c> body the real API server returns.</summary>
internal sealed class ApiException(int code, string reason, string message, JsonObject? details = null, int? retryAfterSeconds = null)
    : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject? Details { get; } = details;

    public int? RetryAfterSeconds { get; } = retryAfterSeconds;

    /// <summary>Renders the <c>metav1.Status</c> body, in the field order the real server uses.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
        };
        if (Reason.Length > 0)
        {
            status["reason"] = Reason;
        }

        if (Details is not null)
        {
            status["details"] = Details.DeepClone();
        }

        status["code"] = Code;
        return status;
    }
}
