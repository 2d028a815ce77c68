using K8sGossip.Operator.Local.Load;

namespace K8sGossip.Operator.Local.Runtime;

/// <summary>How <c>up</c> runs a planned network.</summary>
/// <param name="DashboardPort">The dashboard's port; 0 picks a free one. When the port is taken, a free one is used instead.</param>
/// <param name="Load">The transaction stream.</param>
internal sealed record UpSettings(int DashboardPort, LoadOptions Load)
{
    /// <summary>The default dashboard port.</summary>
    public const int DefaultDashboardPort = 8080;
}
