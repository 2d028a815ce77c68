using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Resources;

namespace K8sGossip.Kubernetes.TestServer.Storage;

/// <summary>Builders for the API's standard failures, with the real server's messages and details.</summary>
internal static class ApiErrors
{
    public static ApiException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedResource} \"{name}\" not found", Details(type, name));

    public static ApiException NotFoundRaw(string message) => new(404, "NotFound", message);

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedResource} \"{name}\" already exists", Details(type, name));

    public static ApiException Conflict(ResourceType type, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": {why}", Details(type, name));

    public static ApiException StaleResourceVersion(ResourceType type, string name) =>
        Conflict(type, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiException Invalid(ResourceType type, string name, string field, string causeReason, string causeMessage)
    {
        var details = new JsonObject
        {
            ["name"] = name,
        };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Kind;
        details["causes"] = new JsonArray(new JsonObject
        {
            ["reason"] = causeReason,
            ["message"] = causeMessage,
            ["field"] = field,
        });
        return new ApiException(422, "Invalid", $"{type.QualifiedKind} \"{name}\" is invalid: {field}: {causeMessage}", details);
    }

    public static ApiException InvalidOptions(string kind, string field, string causeReason, string causeMessage)
    {
        var details = new JsonObject
        {
            ["group"] = "meta.k8s.io",
            ["kind"] = kind,
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = causeReason, ["message"] = causeMessage, ["field"] = field }),
        };
        return new ApiException(422, "Invalid", $"{kind}.meta.k8s.io \"\" is invalid: {field}: {causeMessage}", details);
    }

    public static ApiException Forbidden(ResourceType type, string name, string why) =>
        new(403, "Forbidden", $"{type.QualifiedResource} \"{name}\" is forbidden: {why}", Details(type, name));

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException MethodNotAllowed(string method) =>
        new(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method})");

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got {contentType})");

    public static ApiException Gone(string message) => new(410, "Expired", message);

    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static ApiException TooManyRequests(int retryAfterSeconds) =>
        new(429, "TooManyRequests", "Too many requests, please try again later.", new JsonObject { ["retryAfterSeconds"] = retryAfterSeconds }, retryAfterSeconds);

    public static ApiException Internal(string cause) =>
        new(500, "InternalError", $"Internal error occurred: {cause}", new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["message"] = cause }),
        });

    public static JsonObject Details(ResourceType type, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;
        return details;
    }
}
