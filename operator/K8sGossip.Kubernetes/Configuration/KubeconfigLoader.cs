using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace K8sGossip.Kubernetes.Configuration;

/// <summary>Reads a kubeconfig file: picks a context, then resolves its cluster (server, CA) and user (token or client certificate).</summary>
/// <remarks>Every problem surfaces as one <see cref="KubeConfigException"/> that names the file and the offending entry.</remarks>
public static class KubeconfigLoader
{
    /// <summary>The kubeconfig path from <c>KUBECONFIG</c> (first entry), else <c>~/.kube/config</c>.</summary>
    public static string DefaultPath(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var fromEnv = environment("KUBECONFIG");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)[0];
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
    }

    /// <summary>Loads the kubeconfig at <paramref name="path"/>; relative file references resolve against its folder.</summary>
    /// <exception cref="KubeConfigException">The file is missing, malformed, or the chosen context is incomplete.</exception>
    public static KubeClientConfig Load(string path, KubeconfigLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"Kubeconfig '{path}' cannot be read: {ex.Message}", ex);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return Parse(text, folder, $"Kubeconfig '{path}'", options);
    }

    /// <summary>Parses kubeconfig text; <paramref name="baseDirectory"/> resolves relative file references.</summary>
    /// <exception cref="KubeConfigException">The text is malformed or the chosen context is incomplete.</exception>
    public static KubeClientConfig Parse(string yaml, string baseDirectory, string source = "Kubeconfig", KubeconfigLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        options ??= new KubeconfigLoadOptions();
        var root = ReadRoot(yaml, source);

        var contextName = options.Context ?? Scalar(root, "current-context", source);
        if (string.IsNullOrEmpty(contextName))
        {
            throw new KubeConfigException($"{source}: no context was chosen and 'current-context' is not set.");
        }

        var context = NamedEntry(root, "contexts", "context", contextName, source);
        var clusterName = Scalar(context, "cluster", $"{source}: context '{contextName}'")
            ?? throw new KubeConfigException($"{source}: context '{contextName}' has no 'cluster'.");
        var userName = Scalar(context, "user", $"{source}: context '{contextName}'");
        var ns = Scalar(context, "namespace", source);

        var clusterSource = $"{source}: cluster '{clusterName}'";
        var cluster = NamedEntry(root, "clusters", "cluster", clusterName, source);
        var serverText = Scalar(cluster, "server", clusterSource)
            ?? throw new KubeConfigException($"{clusterSource} has no 'server'.");
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttps && server.Scheme != Uri.UriSchemeHttp))
        {
            throw new KubeConfigException($"{clusterSource}: 'server' value '{serverText}' is not an http(s) URL.");
        }

        var insecure = string.Equals(Scalar(cluster, "insecure-skip-tls-verify", clusterSource), "true", StringComparison.OrdinalIgnoreCase);
        if (insecure && !options.AllowInsecureSkipTlsVerify)
        {
            throw new KubeConfigException(
                $"{clusterSource} sets 'insecure-skip-tls-verify: true', which disables server authentication; " +
                "provide 'certificate-authority(-data)' or opt in with AllowInsecureSkipTlsVerify.");
        }

        var caPem = ReadPemField(cluster, "certificate-authority", baseDirectory, clusterSource);
        var config = new KubeClientConfig
        {
            Server = server,
            CertificateAuthorities = caPem is null ? null : PemCertificates.LoadBundle(caPem, $"{clusterSource} certificate authority"),
            InsecureSkipTlsVerify = insecure,
            Namespace = string.IsNullOrEmpty(ns) ? "default" : ns,
        };

        return userName is null ? config : ApplyUser(config, root, userName, baseDirectory, source, options);
    }

    private static KubeClientConfig ApplyUser(KubeClientConfig config, YamlMappingNode root, string userName, string baseDirectory, string source, KubeconfigLoadOptions options)
    {
        var userSource = $"{source}: user '{userName}'";
        var user = NamedEntry(root, "users", "user", userName, source);
        foreach (var unsupported in new[] { "exec", "auth-provider", "username", "password" })
        {
            if (user.Children.ContainsKey(new YamlScalarNode(unsupported)))
            {
                throw new KubeConfigException($"{userSource} uses '{unsupported}', which this client does not support; use a token, tokenFile or client certificate.");
            }
        }

        IKubeTokenSource? token = null;
        var inlineToken = Scalar(user, "token", userSource);
        var tokenFile = Scalar(user, "tokenFile", userSource);
        if (!string.IsNullOrEmpty(inlineToken))
        {
            token = new StaticTokenSource(inlineToken);
        }
        else if (!string.IsNullOrEmpty(tokenFile))
        {
            token = new FileTokenSource(Resolve(baseDirectory, tokenFile), options.Time ?? TimeProvider.System);
        }

        var certPem = ReadPemField(user, "client-certificate", baseDirectory, userSource);
        var keyPem = ReadPemField(user, "client-key", baseDirectory, userSource);
        if ((certPem is null) != (keyPem is null))
        {
            throw new KubeConfigException($"{userSource} must give both 'client-certificate(-data)' and 'client-key(-data)', or neither.");
        }

        var clientCertificate = certPem is null ? null : PemCertificates.LoadClientCertificate(certPem, keyPem!, userSource);
        return config with { Token = token, ClientCertificate = clientCertificate };
    }

    private static YamlMappingNode ReadRoot(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new KubeConfigException($"{source} is not valid YAML (line {ex.Start.Line}, column {ex.Start.Column}): {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new KubeConfigException($"{source} is empty or not a YAML mapping.");
        }

        return root;
    }

    private static YamlMappingNode NamedEntry(YamlMappingNode root, string listKey, string innerKey, string name, string source)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(listKey), out var listNode) || listNode is not YamlSequenceNode list)
        {
            throw new KubeConfigException($"{source} has no '{listKey}' list, so '{name}' cannot be found.");
        }

        var names = new List<string>();
        foreach (var item in list)
        {
            if (item is not YamlMappingNode entry)
            {
                throw new KubeConfigException($"{source}: an entry of '{listKey}' is not a mapping (line {item.Start.Line}).");
            }

            var entryName = Scalar(entry, "name", source) ?? "";
            names.Add(entryName);
            if (entryName != name)
            {
                continue;
            }

            if (!entry.Children.TryGetValue(new YamlScalarNode(innerKey), out var inner) || inner is not YamlMappingNode mapping)
            {
                throw new KubeConfigException($"{source}: '{listKey}' entry '{name}' has no '{innerKey}' mapping.");
            }

            return mapping;
        }

        throw new KubeConfigException($"{source}: '{listKey}' has no entry named '{name}' (found: {(names.Count == 0 ? "none" : string.Join(", ", names))}).");
    }

    private static string? Scalar(YamlMappingNode node, string key, string source)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            return null;
        }

        return value switch
        {
            YamlScalarNode scalar => scalar.Value,
            _ => throw new KubeConfigException($"{source}: '{key}' must be a single value (line {value.Start.Line})."),
        };
    }

    private static string? ReadPemField(YamlMappingNode node, string key, string baseDirectory, string source)
    {
        var data = Scalar(node, key + "-data", source);
        if (!string.IsNullOrEmpty(data))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(data));
            }
            catch (FormatException ex)
            {
                throw new KubeConfigException($"{source}: '{key}-data' is not valid base64.", ex);
            }
        }

        var file = Scalar(node, key, source);
        if (string.IsNullOrEmpty(file))
        {
            return null;
        }

        var path = Resolve(baseDirectory, file);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"{source}: '{key}' file '{path}' cannot be read: {ex.Message}", ex);
        }
    }

    private static string Resolve(string baseDirectory, string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
}
