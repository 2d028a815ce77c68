namespace K8sGossip.Operator;

/// <summary>The `k8sgossip` command: the in-cluster operator and the local network.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Console.Error.WriteLine("k8sgossip: no command yet");
        return 2;
    }
}
