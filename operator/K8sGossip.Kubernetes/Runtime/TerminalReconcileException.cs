namespace K8sGossip.Kubernetes.Runtime;

/// <summary>A reconcile failure that retrying cannot fix (for example an invalid spec): logged, not retried.</summary>
public sealed class TerminalReconcileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TerminalReconcileException()
    {
    }

    /// <summary>Creates the exception with a message that tells the user what to change.</summary>
    public TerminalReconcileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public TerminalReconcileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
