using System.Reflection;

namespace K8sGossip.Operator.Tests.Support;

/// <summary>Paths in the source tree, known at build time so tests work with any output directory.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = typeof(RepositoryPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string Crds => Path.Combine(Root, "crds");

    public static string Examples => Path.Combine(Root, "examples");

    public static string Example(params string[] parts) => Path.Combine([Examples, .. parts]);
}
