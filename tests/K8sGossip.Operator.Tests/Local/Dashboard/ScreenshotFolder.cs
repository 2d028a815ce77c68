using K8sGossip.Operator.Tests.Support;

namespace K8sGossip.Operator.Tests.Local.Dashboard;

/// <summary>Where browser tests leave screenshots for people to look at: the repository's TestResults folder, beside the test run's result files.</summary>
internal static class ScreenshotFolder
{
    public static string PathFor(string fileName)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "TestResults");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }
}
