using System.Text.Json;
using K8sGossip.Operator.Planning;

namespace K8sGossip.Operator.Tests.Support;

/// <summary>A plan as JSON text, to compare whole plans (records holding lists do not compare by value).</summary>
internal static class PlanText
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string Of(NetworkPlan plan) => JsonSerializer.Serialize(plan, Options);
}
