namespace K8sGossip.Rpc;

/// <summary>A call ended with a non-OK status; thrown by clients and by server handlers to end a call with that status.</summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates an exception with status <see cref="StatusCode.Unknown"/>.</summary>
    public RpcException()
        : this(new RpcStatus(StatusCode.Unknown, string.Empty))
    {
    }

    /// <summary>Creates an exception with status <see cref="StatusCode.Unknown"/> and the given detail.</summary>
    public RpcException(string message)
        : this(new RpcStatus(StatusCode.Unknown, message))
    {
    }

    /// <summary>Creates an exception with status <see cref="StatusCode.Unknown"/>, the given detail and cause.</summary>
    public RpcException(string message, Exception innerException)
        : this(new RpcStatus(StatusCode.Unknown, message), innerException)
    {
    }

    /// <summary>Creates an exception for the given status code and detail.</summary>
    public RpcException(StatusCode code, string detail)
        : this(new RpcStatus(code, detail))
    {
    }

    /// <summary>Creates an exception carrying the given status, with an optional cause.</summary>
    public RpcException(RpcStatus status, Exception? innerException = null)
        : base(status.ToString(), innerException)
    {
        Status = status;
    }

    /// <summary>The full status of the call.</summary>
    public RpcStatus Status { get; }

    /// <summary>The status code of the call.</summary>
    public StatusCode StatusCode => Status.Code;

    /// <summary>The detail message of the call's status.</summary>
    public string Detail => Status.Detail;
}
