using System.Text.Json.Nodes;

namespace K8sGossip.Operator.Planning.Manifests;

/// <summary>One YAML document as a JSON tree, with the file position of every field for precise error messages.</summary>
/// <param name="Root">The document's content; null for an empty document.</param>
/// <param name="Start">Where the document starts.</param>
/// <param name="Locations">Field path (<c>spec.orderer.endpoints[0]</c>) to the position of its key or item.</param>
internal sealed record ParsedDocument(JsonNode? Root, SourceLocation Start, IReadOnlyDictionary<string, SourceLocation> Locations)
{
    /// <summary>The position of a field, or of its nearest enclosing field that has one, or of the document.</summary>
    public SourceLocation Locate(string fieldPath)
    {
        ArgumentNullException.ThrowIfNull(fieldPath);
        var path = fieldPath;
        while (path.Length > 0)
        {
            if (Locations.TryGetValue(path, out var location))
            {
                return location;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut <= 0 ? "" : path[..cut];
        }

        return Start;
    }
}
