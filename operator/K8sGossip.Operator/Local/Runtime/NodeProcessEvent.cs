namespace K8sGossip.Operator.Local.Runtime;

/// <summary>Something the supervisor did or saw: a node started, exited, or is about to be restarted.</summary>
/// <param name="At">When.</param>
/// <param name="Node">The node's name.</param>
/// <param name="Kind">started, crash or stopped.</param>
/// <param name="Message">A sentence for people.</param>
internal sealed record NodeProcessEvent(DateTimeOffset At, string Node, string Kind, string Message);
