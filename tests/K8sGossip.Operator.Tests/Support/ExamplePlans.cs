using K8sGossip.Operator.Planning;
using K8sGossip.Operator.Planning.Manifests;

namespace K8sGossip.Operator.Tests.Support;

/// <summary>Loads and plans the example networks.</summary>
internal static class ExamplePlans
{
    public const string StateDirectory = "/var/tmp/k8sgossip-test-state";

    public static PlanningResult Plan(string example, PlanningTarget target) =>
        NetworkPlanner.Plan(ManifestLoader.Load(RepositoryPaths.Example(example)), target);

    public static NetworkPlan Local(string example)
    {
        var result = Plan(example, PlanningTarget.Local(StateDirectory));
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Plan!;
    }

    public static NetworkPlan Cluster(string example)
    {
        var result = Plan(example, PlanningTarget.Cluster());
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Plan!;
    }
}
