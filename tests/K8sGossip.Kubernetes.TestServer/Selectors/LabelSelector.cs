using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Storage;

namespace K8sGossip.Kubernetes.TestServer.Selectors;

/// <summary>
/// A parsed label selector (<c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>, <c>a notin (x)</c>, <c>a</c>, <c>!a</c>),
/// requirements joined by commas, all of which must hold.
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Func<JsonObject?, bool>> requirements;

    private LabelSelector(List<Func<JsonObject?, bool>> requirements) => this.requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var result = new List<Func<JsonObject?, bool>>();
        foreach (var raw in SplitTopLevel(text))
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                throw ApiErrors.BadRequest($"unable to parse requirement: found '', expected: identifier");
            }

            result.Add(ParseRequirement(part));
        }

        return new LabelSelector(result);
    }

    public bool Matches(JsonObject? obj)
    {
        var labels = obj?["metadata"]?["labels"] as JsonObject;
        return requirements.TrueForAll(r => r(labels));
    }

    private static Func<JsonObject?, bool> ParseRequirement(string part)
    {
        var setMatch = System.Text.RegularExpressions.Regex.Match(part, @"^([^\s!=]+)\s+(in|notin)\s*\(([^)]*)\)$");
        if (setMatch.Success)
        {
            var key = ValidKey(setMatch.Groups[1].Value);
            var values = setMatch.Groups[3].Value.Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
            var isIn = setMatch.Groups[2].Value == "in";
            return labels =>
            {
                var has = TryLabel(labels, key, out var value);
                return isIn ? has && values.Contains(value) : !has || !values.Contains(value);
            };
        }

        if (part.StartsWith('!'))
        {
            var key = ValidKey(part[1..].Trim());
            return labels => !TryLabel(labels, key, out _);
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = part.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = ValidKey(part[..at].Trim());
                var value = part[(at + op.Length)..].Trim();
                return op == "!="
                    ? labels => !TryLabel(labels, key, out var v) || v != value
                    : labels => TryLabel(labels, key, out var v) && v == value;
            }
        }

        var exists = ValidKey(part);
        return labels => TryLabel(labels, exists, out _);
    }

    private static string ValidKey(string key)
    {
        if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '=' or '!'))
        {
            throw ApiErrors.BadRequest($"unable to parse requirement: invalid label key \"{key}\"");
        }

        return key;
    }

    private static bool TryLabel(JsonObject? labels, string key, out string value)
    {
        value = string.Empty;
        if (labels is null || !labels.TryGetPropertyValue(key, out var node) || node is null)
        {
            return false;
        }

        value = node.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)node! : node.ToJsonString();
        return true;
    }

    /// <summary>Splits on commas that are not inside an in/notin value list.</summary>
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }
}
