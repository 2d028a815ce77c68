using Microsoft.Extensions.Hosting;

namespace K8sGossip.Operator.Local.Dashboard;

/// <summary>
/// A host lifetime that leaves Ctrl-C and SIGTERM to the command that embeds the dashboard: the default console
/// lifetime would take those signals and stop the web host on its own.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
