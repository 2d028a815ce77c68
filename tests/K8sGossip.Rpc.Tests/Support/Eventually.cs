namespace K8sGossip.Rpc.Tests.Support;

/// <summary>Bounded waits for real-socket and child-process tests.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static async Task<T> Within<T>(Task<T> task, TimeSpan? timeout = null, string? what = null)
    {
        try
        {
            return await task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds} s waiting for {what ?? "the operation"}.");
        }
    }
}
