namespace K8sGossip.Operator.Planning;

/// <summary>Whether an issue stops planning.</summary>
public enum IssueSeverity
{
    /// <summary>The network cannot be planned until this is fixed.</summary>
    Error,

    /// <summary>The network can run, but probably not as intended.</summary>
    Warning,
}
