using System.Text.Json.Nodes;

namespace K8sGossip.Kubernetes.TestServer.Apply;

/// <summary>One <c>metadata.managedFields</c> entry: which manager owns which fields, through which operation.</summary>
internal sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, string Time, string Subresource, FieldSet Fields)
{
    public const string ApplyOperation = "Apply";
    public const string UpdateOperation = "Update";

    /// <summary>Identity as the API defines it: time never counts, and apply entries ignore the apiVersion.</summary>
    public (string, string, string, string) Identity =>
        (Manager, Operation, Subresource, Operation == ApplyOperation ? string.Empty : ApiVersion);

    /// <summary>How conflict messages name the manager.</summary>
    public string Display
    {
        get
        {
            var text = $"\"{Manager}\"";
            if (Subresource.Length > 0)
            {
                text += $" with subresource \"{Subresource}\"";
            }

            return Operation == UpdateOperation ? $"{text} using {ApiVersion}" : text;
        }
    }

    public static List<ManagedFieldsEntry> Read(JsonObject obj)
    {
        var result = new List<ManagedFieldsEntry>();
        foreach (var e in (obj["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>())
        {
            result.Add(new ManagedFieldsEntry((string?)e["manager"] ?? string.Empty, (string?)e["operation"] ?? UpdateOperation,
                (string?)e["apiVersion"] ?? string.Empty, (string?)e["time"] ?? string.Empty, (string?)e["subresource"] ?? string.Empty,
                FieldSet.FromFieldsV1(e["fieldsV1"] as JsonObject)));
        }

        return result;
    }

    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var meta = (JsonObject)obj["metadata"]!;
        var array = new JsonArray();
        // The API keeps entries ordered by operation, then time, then manager.
        var ordered = entries.Where(e => e.Fields.Count > 0)
            .OrderBy(e => e.Operation, StringComparer.Ordinal).ThenBy(e => e.Time, StringComparer.Ordinal)
            .ThenBy(e => e.Manager, StringComparer.Ordinal).ThenBy(e => e.ApiVersion, StringComparer.Ordinal)
            .ThenBy(e => e.Subresource, StringComparer.Ordinal);
        foreach (var e in ordered)
        {
            var json = new JsonObject
            {
                ["manager"] = e.Manager,
                ["operation"] = e.Operation,
                ["apiVersion"] = e.ApiVersion,
                ["time"] = e.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = e.Fields.ToFieldsV1(),
            };
            if (e.Subresource.Length > 0)
            {
                json["subresource"] = e.Subresource;
            }

            array.Add(json);
        }

        if (array.Count == 0)
        {
            meta.Remove("managedFields");
        }
        else
        {
            meta["managedFields"] = array;
        }
    }
}
