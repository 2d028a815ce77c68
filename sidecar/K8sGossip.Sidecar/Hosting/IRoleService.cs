namespace K8sGossip.Sidecar.Hosting;

/// <summary>A role the sidecar runs (peer or orderer), as the admin endpoints see it.</summary>
internal interface IRoleService
{
    /// <summary>Whether the role serves traffic now, and why not when it does not.</summary>
    Readiness Readiness();

    /// <summary>The node's channels and heights now, for the admin port's <c>/status</c>.</summary>
    RoleStatus Status();
}

