using System.Text;

namespace K8sGossip.Operator.Crds.Manifests;

/// <summary>The CustomResourceDefinition manifests of the K8sGossip kinds, generated from the C# types.</summary>
/// <remarks>
/// The files under <c>crds/</c> are this output. Regenerate them with <c>UPDATE_CRDS=1 dotnet test</c> on the operator
/// tests, or by calling <see cref="WriteAll"/> (the <c>k8sgossip crds</c> command).
/// </remarks>
public static class CrdManifests
{
    /// <summary>The custom resource types, in the order their manifests are written.</summary>
    public static IReadOnlyList<Type> ResourceTypes { get; } = [typeof(Organization), typeof(Channel), typeof(AnchorPeer)];

    /// <summary>Generates every manifest: file name (for example <c>gossip.k8sgossip.io_organizations.yaml</c>) and YAML text.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Generate() =>
        [.. ResourceTypes.Select(t => new KeyValuePair<string, string>(FileName(t), YamlEmitter.Write(CustomResourceDefinitionWriter.Build(t))))];

    /// <summary>The manifest file name of a resource type.</summary>
    public static string FileName(Type resourceType)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        var plural = CustomResourceDefinitionWriter.Build(resourceType)["spec"]!["names"]!["plural"]!.GetValue<string>();
        return $"{GossipApi.Group}_{plural}.yaml";
    }

    /// <summary>Writes every manifest into <paramref name="directory"/>, replacing files atomically; returns the paths written.</summary>
    public static IReadOnlyList<string> WriteAll(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (name, content) in Generate())
        {
            var path = Path.Combine(directory, name);
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, path, overwrite: true);
            written.Add(path);
        }

        return written;
    }
}
