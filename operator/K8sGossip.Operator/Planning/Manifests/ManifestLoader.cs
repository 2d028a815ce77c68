using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Planning.Manifests;

/// <summary>Reads K8sGossip resources from the same multi-document YAML files a cluster would get.</summary>
/// <remarks>
/// Directories are read like <c>kubectl apply -f</c>: their <c>.yaml</c>, <c>.yml</c> and <c>.json</c> files, not
/// recursively, in name order. Other kinds (a Namespace, say) are skipped with a warning. Every resource is
/// validated and defaulted against the CRD schema; problems carry the file and line.
/// </remarks>
public static class ManifestLoader
{
    /// <summary>The largest manifest file read; larger files are reported, not read.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>Loads every manifest under the given files and directories.</summary>
    public static ManifestSet Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var builder = new Builder();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                List<string> files;
                try
                {
                    files = [.. Directory.GetFiles(path)
                        .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                        .Order(StringComparer.Ordinal)];
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    builder.Issues.Add(new PlanningIssue(IssueSeverity.Error, $"cannot read the directory: {e.Message}")
                    {
                        Location = new SourceLocation(path, 1, 1),
                    });
                    continue;
                }

                if (files.Count == 0)
                {
                    builder.Issues.Add(new PlanningIssue(IssueSeverity.Warning, "the directory holds no .yaml, .yml or .json files")
                    {
                        Location = new SourceLocation(path, 1, 1),
                    });
                }

                foreach (var file in files)
                {
                    LoadFile(file, builder);
                }
            }
            else
            {
                LoadFile(path, builder);
            }
        }

        return builder.Build();
    }

    /// <summary>Loads the given files and directories.</summary>
    public static ManifestSet Load(params string[] paths) => Load((IEnumerable<string>)paths);

    /// <summary>Loads manifests from text, naming them <paramref name="file"/> in issues.</summary>
    public static ManifestSet LoadText(string text, string file)
    {
        var builder = new Builder();
        LoadText(text, file, builder);
        return builder.Build();
    }

    private static void LoadFile(string file, Builder builder)
    {
        string text;
        try
        {
            var length = new FileInfo(file).Length;
            if (length > MaxFileBytes)
            {
                builder.Issues.Add(new PlanningIssue(IssueSeverity.Error, $"the file has {length} bytes; manifests of more than {MaxFileBytes} bytes are not read")
                {
                    Location = new SourceLocation(file, 1, 1),
                });
                return;
            }

            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            builder.Issues.Add(new PlanningIssue(IssueSeverity.Error, $"cannot read the file: {e.Message}")
            {
                Location = new SourceLocation(file, 1, 1),
            });
            return;
        }

        LoadText(text, file, builder);
    }

    private static void LoadText(string text, string file, Builder builder)
    {
        IReadOnlyList<ParsedDocument> documents;
        try
        {
            documents = YamlDocumentReader.Read(text, file);
        }
        catch (ManifestSyntaxException e)
        {
            builder.Issues.Add(new PlanningIssue(IssueSeverity.Error, e.Message) { Location = e.Location ?? new SourceLocation(file, 1, 1) });
            return;
        }

        foreach (var document in documents)
        {
            LoadDocument(document, builder);
        }
    }

    private static void LoadDocument(ParsedDocument document, Builder builder)
    {
        if (document.Root is null)
        {
            return;
        }

        if (document.Root is not JsonObject json)
        {
            builder.Issues.Add(new PlanningIssue(IssueSeverity.Error, "a manifest document must be a Kubernetes object (a mapping with apiVersion and kind)")
            {
                Location = document.Start,
            });
            return;
        }

        var apiVersion = Text(json, "apiVersion");
        var kind = Text(json, "kind");
        var name = json["metadata"] is JsonObject metadata ? Text(metadata, "name") : null;
        var reference = new ResourceRef(kind ?? "", json["metadata"]?["namespace"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? json["metadata"]!["namespace"]!.GetValue<string>() : "", name ?? "");
        if (apiVersion is null || kind is null)
        {
            var field = apiVersion is null ? "apiVersion" : "kind";
            builder.Add(document, field, PlanningIssue.ForField(IssueSeverity.Error, null, new FieldError(field, FieldErrorType.Required, null, "every manifest document needs apiVersion and kind")));
            return;
        }

        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        if (!string.Equals(group, GossipApi.Group, StringComparison.Ordinal))
        {
            builder.Add(document, "kind", PlanningIssue.Warning(reference, "", $"{kind} ({apiVersion}) is not a K8sGossip kind; the local planner ignores it"));
            return;
        }

        if (!string.Equals(apiVersion, GossipApi.ApiVersion, StringComparison.Ordinal))
        {
            builder.Add(document, "apiVersion", PlanningIssue.ForField(IssueSeverity.Error, reference, new FieldError("apiVersion", FieldErrorType.NotSupported, $"\"{apiVersion}\"", $"supported values: \"{GossipApi.ApiVersion}\"")));
            return;
        }

        if (ResourceKind.Find(kind) is not { } resourceKind)
        {
            var supported = string.Join(", ", ResourceKind.All.Select(k => $"\"{k.Kind}\""));
            builder.Add(document, "kind", PlanningIssue.ForField(IssueSeverity.Error, reference, new FieldError("kind", FieldErrorType.NotSupported, $"\"{kind}\"", $"supported values: {supported}")));
            return;
        }

        var (resource, errors) = resourceKind.Read(json);
        foreach (var error in errors)
        {
            builder.Add(document, error.Field, PlanningIssue.ForField(IssueSeverity.Error, reference, error));
        }

        if (resource is not null)
        {
            builder.Resources.Add(resource);
            builder.Sources[resource] = document;
        }
    }

    private static string? Text(JsonObject json, string key) =>
        json[key] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;

    private sealed class Builder
    {
        public List<KubeObject> Resources { get; } = [];

        public List<PlanningIssue> Issues { get; } = [];

        public Dictionary<KubeObject, ParsedDocument> Sources { get; } = new(ReferenceEqualityComparer.Instance);

        public void Add(ParsedDocument document, string field, PlanningIssue issue) =>
            Issues.Add(issue with { Location = document.Locate(field) });

        public ManifestSet Build() => new(Resources, Issues, Sources);
    }
}
