namespace K8sGossip.Operator.Local.Status;

/// <summary>The kinds of <see cref="NetworkEvent"/> the observer reports.</summary>
public static class NetworkEventKinds
{
    /// <summary>A node answered for the first time.</summary>
    public const string Join = "join";

    /// <summary>A node that had answered is down.</summary>
    public const string Dead = "dead";

    /// <summary>A peer that had answered stopped answering and its peers suspect it.</summary>
    public const string Suspect = "suspect";

    /// <summary>A node that was dead or suspect answers again.</summary>
    public const string Alive = "alive";

    /// <summary>The local network restarted a node's process.</summary>
    public const string Restart = "restart";

    /// <summary>An organization has a new leader in a channel.</summary>
    public const string Leader = "leader";
}
