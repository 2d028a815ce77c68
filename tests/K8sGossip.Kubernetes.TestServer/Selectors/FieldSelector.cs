using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Resources;
using K8sGossip.Kubernetes.TestServer.Storage;

namespace K8sGossip.Kubernetes.TestServer.Selectors;

/// <summary>A parsed field selector: <c>metadata.name</c>, <c>metadata.namespace</c> and the resource's extra fields, with =, == and !=.</summary>
internal sealed class FieldSelector
{
    private readonly List<(string Field, string Value, bool Equal)> terms;

    private FieldSelector(List<(string Field, string Value, bool Equal)> terms) => this.terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The name a <c>metadata.name=x</c> term pins the selector to, if any.</summary>
    public string? ExactName => terms.Where(t => t.Field == "metadata.name" && t.Equal).Select(t => t.Value).FirstOrDefault();

    public static FieldSelector Parse(string? text, ResourceType type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var terms = new List<(string, string, bool)>();
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            var (at, len, equal) = part.IndexOf("!=", StringComparison.Ordinal) is var ne and > 0 ? (ne, 2, false)
                : part.IndexOf("==", StringComparison.Ordinal) is var ee and > 0 ? (ee, 2, true)
                : part.IndexOf('=', StringComparison.Ordinal) is var e and > 0 ? (e, 1, true)
                : (-1, 0, true);
            if (at < 0)
            {
                throw ApiErrors.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            }

            var field = part[..at].Trim();
            if (field is not ("metadata.name" or "metadata.namespace") && !type.ExtraFieldSelectors.Contains(field))
            {
                throw ApiErrors.BadRequest($"\"{field}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
            }

            terms.Add((field, part[(at + len)..].Trim(), equal));
        }

        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject? obj) =>
        terms.TrueForAll(t => (Read(obj, t.Field) == t.Value) == t.Equal);

    private static string Read(JsonObject? obj, string field)
    {
        JsonNode? node = obj;
        foreach (var segment in field.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)v! : node?.ToJsonString() ?? string.Empty;
    }
}
