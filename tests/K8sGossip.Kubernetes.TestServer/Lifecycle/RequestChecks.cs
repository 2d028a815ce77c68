using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Storage;

namespace K8sGossip.Kubernetes.TestServer.Lifecycle;

/// <summary>The request-level checks the API server makes before any write: kind, apiVersion, name and namespace.</summary>
internal static class RequestChecks
{
    public static void ExpectKind(WriteRequest request, JsonObject obj)
    {
        var kind = (string?)obj["kind"];
        var apiVersion = (string?)obj["apiVersion"];
        if (kind is not null && kind != request.Type.Kind)
        {
            throw ApiErrors.BadRequest($"the kind of the provided object ({kind}) does not match the expected kind ({request.Type.Kind})");
        }

        if (apiVersion is not null && apiVersion != request.ApiVersion && !request.Type.Versions.Any(v => request.Type.ApiVersion(v) == apiVersion))
        {
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({request.ApiVersion})");
        }
    }

    public static void ExpectIdentity(WriteRequest request, string name, JsonObject obj)
    {
        var bodyName = (string?)obj["metadata"]?["name"];
        if (bodyName is not null && bodyName != name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var bodyNamespace = (string?)obj["metadata"]?["namespace"];
        if (request.Type.Namespaced && !string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != request.Namespace)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    public static JsonNode? ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw ApiErrors.BadRequest($"error decoding patch: {ex.Message}");
        }
    }
}
