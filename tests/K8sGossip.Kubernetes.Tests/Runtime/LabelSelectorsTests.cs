using K8sGossip.Kubernetes.Models;
using K8sGossip.Kubernetes.Runtime;

namespace K8sGossip.Kubernetes.Tests.Runtime;

public sealed class LabelSelectorsTests
{
    private static readonly LabelSelector Selector = new()
    {
        MatchLabels = new() { ["app"] = "peer", ["org"] = "a" },
        MatchExpressions =
        [
            new("tier", "In", ["x", "y"]),
            new("legacy", "DoesNotExist", null),
            new("zone", "NotIn", ["bad"]),
            new("owner", "Exists", null),
        ],
    };

    [Fact]
    public void Selectors_render_in_the_api_query_syntax()
    {
        Assert.Equal("app=peer,org=a,tier in (x,y),!legacy,zone notin (bad),owner", LabelSelectors.ToQuery(Selector));
    }

    [Fact]
    public void Selectors_match_labels_locally()
    {
        var labels = new Dictionary<string, string> { ["app"] = "peer", ["org"] = "a", ["tier"] = "y", ["owner"] = "me" };

        Assert.True(LabelSelectors.Matches(Selector, labels));
        Assert.False(LabelSelectors.Matches(Selector, new Dictionary<string, string>(labels) { ["legacy"] = "1" }));
        Assert.False(LabelSelectors.Matches(Selector, new Dictionary<string, string>(labels) { ["tier"] = "z" }));
        Assert.False(LabelSelectors.Matches(Selector, new Dictionary<string, string>(labels) { ["zone"] = "bad" }));
        Assert.False(LabelSelectors.Matches(Selector, null));
    }

    [Fact]
    public void An_unknown_operator_is_refused_naming_it()
    {
        var bad = new LabelSelector { MatchExpressions = [new("k", "Near", ["v"])] };

        var error = Assert.Throws<ArgumentException>(() => LabelSelectors.ToQuery(bad));
        Assert.Contains("Near", error.Message, StringComparison.Ordinal);
    }
}
