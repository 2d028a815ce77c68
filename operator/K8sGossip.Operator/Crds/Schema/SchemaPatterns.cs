namespace K8sGossip.Operator.Crds.Schema;

/// <summary>Regular expressions shared by the schemas (ECMA-262 syntax, which .NET also accepts).</summary>
internal static class SchemaPatterns
{
    /// <summary>An MSP ID: a letter, then letters, digits, dots, dashes or underscores.</summary>
    public const string MspId = "^[A-Za-z][A-Za-z0-9._-]*$";

    /// <summary>A Kubernetes object name (RFC 1123 subdomain).</summary>
    public const string ObjectName = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>A reference to an Organization: its object name or its MSP ID.</summary>
    public const string OrganizationReference = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

    /// <summary>A container name (RFC 1123 label).</summary>
    public const string ContainerName = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>A host name or IPv4 address with a port.</summary>
    public const string HostPort = "^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?:[0-9]{1,5}$";

    /// <summary>A host template with placeholders and a port, for example <c>peer{ordinal}.org1.example.com:7051</c>.</summary>
    public const string HostTemplate = "^([a-z0-9.-]|\\{ordinal\\}|\\{org\\}|\\{namespace\\})+:[0-9]{1,5}$";

    /// <summary>A Go duration as Fabric's core.yaml writes it, for example <c>4s</c> or <c>1m30s</c>.</summary>
    public const string Duration = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";

    /// <summary>A Kubernetes resource quantity, for example <c>500m</c> or <c>1Gi</c>.</summary>
    public const string Quantity =
        "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";
}
