using System.Net.Sockets;

namespace K8sGossip.Kubernetes.Configuration;

/// <summary>Builds connection settings from inside a pod: service host/port variables plus the service-account files.</summary>
public static class InClusterConfig
{
    /// <summary>True when the service variables and the token file are present.</summary>
    public static bool IsAvailable(InClusterPaths? paths = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        paths ??= InClusterPaths.Default;
        return !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST"))
            && !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_PORT"))
            && File.Exists(paths.TokenFile);
    }

    /// <summary>Loads the in-cluster settings; the token is re-read when the kubelet rotates it.</summary>
    /// <param name="paths">The service-account files; the standard mount when null.</param>
    /// <param name="environment">Reads environment variables; the process environment when null.</param>
    /// <param name="time">The clock pacing token re-reads; the system clock when null.</param>
    /// <exception cref="KubeConfigException">A variable or file is missing or malformed.</exception>
    public static KubeClientConfig Load(InClusterPaths? paths = null, Func<string, string?>? environment = null, TimeProvider? time = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        paths ??= InClusterPaths.Default;
        time ??= TimeProvider.System;

        var host = environment("KUBERNETES_SERVICE_HOST");
        var port = environment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeConfigException("Not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set.");
        }

        if (!int.TryParse(port, out var portNumber) || portNumber is <= 0 or > 65535)
        {
            throw new KubeConfigException($"KUBERNETES_SERVICE_PORT '{port}' is not a TCP port number.");
        }

        if (System.Net.IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            host = "[" + host + "]";
        }

        if (!File.Exists(paths.TokenFile))
        {
            throw new KubeConfigException($"The service-account token file '{paths.TokenFile}' does not exist; is automountServiceAccountToken disabled?");
        }

        if (!File.Exists(paths.CertificateAuthorityFile))
        {
            throw new KubeConfigException($"The cluster CA file '{paths.CertificateAuthorityFile}' does not exist.");
        }

        var ca = PemCertificates.LoadBundle(File.ReadAllText(paths.CertificateAuthorityFile), $"The cluster CA file '{paths.CertificateAuthorityFile}'");
        var ns = File.Exists(paths.NamespaceFile) ? File.ReadAllText(paths.NamespaceFile).Trim() : "";

        return new KubeClientConfig
        {
            Server = new Uri($"https://{host}:{portNumber}"),
            CertificateAuthorities = ca,
            Token = new FileTokenSource(paths.TokenFile, time),
            Namespace = ns.Length > 0 ? ns : "default",
        };
    }
}
