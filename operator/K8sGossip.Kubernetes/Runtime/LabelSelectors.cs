using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Runtime;

/// <summary>Turns a <see cref="LabelSelector"/> into the API's query syntax and evaluates it locally against cached objects.</summary>
public static class LabelSelectors
{
    /// <summary>The <c>labelSelector</c> query value, for example <c>app=peer,tier in (a,b),!legacy</c>; empty selects everything.</summary>
    /// <exception cref="ArgumentException">An expression has an unknown operator or lacks values it needs.</exception>
    public static string ToQuery(LabelSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var parts = new List<string>();
        foreach (var (key, value) in (selector.MatchLabels ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            parts.Add($"{key}={value}");
        }

        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            parts.Add(requirement.Operator switch
            {
                "In" => $"{requirement.Key} in ({string.Join(",", RequireValues(requirement))})",
                "NotIn" => $"{requirement.Key} notin ({string.Join(",", RequireValues(requirement))})",
                "Exists" => requirement.Key,
                "DoesNotExist" => "!" + requirement.Key,
                _ => throw new ArgumentException($"Label selector operator '{requirement.Operator}' on '{requirement.Key}' is not one of In, NotIn, Exists, DoesNotExist."),
            });
        }

        return string.Join(",", parts);
    }

    /// <summary>True when <paramref name="labels"/> satisfy every part of <paramref name="selector"/>.</summary>
    public static bool Matches(LabelSelector selector, IReadOnlyDictionary<string, string>? labels)
    {
        ArgumentNullException.ThrowIfNull(selector);
        labels ??= new Dictionary<string, string>();
        foreach (var (key, value) in selector.MatchLabels ?? [])
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            var present = labels.TryGetValue(requirement.Key, out var actual);
            var matches = requirement.Operator switch
            {
                "In" => present && RequireValues(requirement).Contains(actual!),
                "NotIn" => !present || !RequireValues(requirement).Contains(actual!),
                "Exists" => present,
                "DoesNotExist" => !present,
                _ => throw new ArgumentException($"Label selector operator '{requirement.Operator}' on '{requirement.Key}' is not one of In, NotIn, Exists, DoesNotExist."),
            };
            if (!matches)
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> RequireValues(LabelSelectorRequirement requirement)
    {
        if (requirement.Values is not { Count: > 0 } values)
        {
            throw new ArgumentException($"Label selector operator '{requirement.Operator}' on '{requirement.Key}' needs at least one value.");
        }

        return values;
    }
}
