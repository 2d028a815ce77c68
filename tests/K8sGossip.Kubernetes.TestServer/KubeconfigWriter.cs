using System.Text;

namespace K8sGossip.Kubernetes.TestServer;

/// <summary>Writes a kubeconfig with one cluster, user and context pointing at the test server.</summary>
internal static class KubeconfigWriter
{
    public static string Render(Uri server, string? token, string? certificateAuthorityPem, string defaultNamespace)
    {
        var text = new StringBuilder();
        text.AppendLine("apiVersion: v1");
        text.AppendLine("kind: Config");
        text.AppendLine("clusters:");
        text.AppendLine("- name: k8sgossip-test");
        text.AppendLine("  cluster:");
        text.AppendLine($"    server: {server.GetLeftPart(UriPartial.Authority)}");
        if (certificateAuthorityPem is not null)
        {
            text.AppendLine($"    certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(certificateAuthorityPem))}");
        }

        text.AppendLine("users:");
        text.AppendLine("- name: k8sgossip-test");
        text.AppendLine(token is null ? "  user: {}" : $"  user:\n    token: {token}");
        text.AppendLine("contexts:");
        text.AppendLine("- name: k8sgossip-test");
        text.AppendLine("  context:");
        text.AppendLine("    cluster: k8sgossip-test");
        text.AppendLine("    user: k8sgossip-test");
        text.AppendLine($"    namespace: {defaultNamespace}");
        text.AppendLine("current-context: k8sgossip-test");
        return text.ToString();
    }

    /// <summary>Writes through a temporary file and a rename, so a reader never sees half a kubeconfig.</summary>
    public static void Write(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
