namespace K8sGossip.Operator.Tests.Local.Dashboard;

/// <summary>Browser tests run one class at a time and share one browser.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Dashboard browser";
}
