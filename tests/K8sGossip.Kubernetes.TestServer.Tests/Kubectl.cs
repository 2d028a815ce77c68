using System.Diagnostics;
using System.Text;

namespace K8sGossip.Kubernetes.TestServer.Tests;

/// <summary>Runs the real kubectl binary against a test server through a generated kubeconfig.</summary>
internal sealed class Kubectl : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string directory;
    private readonly string kubeconfig;

    public Kubectl(KubeApiTestServer server)
    {
        directory = Path.Combine(Path.GetTempPath(), "k8sgossip-kubectl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        kubeconfig = server.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));
    }

    public static string Executable { get; } = Locate();

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs kubectl to completion (bounded) and returns exit code and output.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within {CommandTimeout}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kubectl and fails the test with its output when it exits non-zero.</summary>
    public async Task<string> RunOkAsync(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(args);
        Assert.True(code == 0, $"kubectl {string.Join(' ', args)} exited {code}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        return stdout;
    }

    /// <summary>Starts a long-running kubectl (e.g. get --watch); the caller reads lines and kills it.</summary>
    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(kubeconfig);
        info.ArgumentList.Add("--cache-dir");
        info.ArgumentList.Add(Path.Combine(directory, "cache"));
        info.ArgumentList.Add("--request-timeout=30s");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = directory;
        info.Environment.Remove("KUBECONFIG");
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {Executable}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A killed kubectl may still hold a cache file for a moment; the temp folder is left behind then.
        }
    }

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("KUBECTL");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new InvalidOperationException($"KUBECTL is set to {fromEnvironment}, which does not exist.");
        }

        var repositoryRoot = typeof(Kubectl).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (repositoryRoot is not null && File.Exists(Path.Combine(repositoryRoot, ".tools", "bin", "kubectl")))
        {
            return Path.Combine(repositoryRoot, ".tools", "bin", "kubectl");
        }

        foreach (var entry in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(entry, "kubectl");
            if (entry.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "kubectl not found: set KUBECTL, or run tests/K8sGossip.Kubernetes.TestServer/install-kubectl.sh to install it into <repo>/.tools/bin, or put it on PATH.");
    }
}
