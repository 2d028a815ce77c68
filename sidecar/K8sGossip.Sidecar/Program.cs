namespace K8sGossip.Sidecar;

/// <summary>The sidecar executable.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Console.Error.WriteLine("k8sgossip-sidecar: no role yet");
        return 2;
    }
}
