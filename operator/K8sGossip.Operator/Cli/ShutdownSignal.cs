using System.Runtime.InteropServices;

namespace K8sGossip.Operator.Cli;

/// <summary>Turns Ctrl-C (SIGINT), SIGTERM and a closed terminal (SIGHUP) into a cancellation, so <c>up</c> stops its nodes
/// cleanly instead of dying and leaving them behind.</summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _requested = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private readonly PosixSignalRegistration _hangUp;

    public ShutdownSignal()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
        _hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Handle);
    }

    /// <summary>Cancelled when a stop was requested.</summary>
    public CancellationToken Token => _requested.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _hangUp.Dispose();
        _requested.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // The process stays alive until every child is stopped; a second signal changes nothing.
        context.Cancel = true;
        try
        {
            _requested.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // A signal after the network stopped.
        }
    }
}
