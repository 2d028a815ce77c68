namespace K8sGossip.Kubernetes.Runtime;

/// <summary>What <see cref="WorkQueue{T}.GetAsync"/> hands out: an item to process, or the signal that the queue shut down.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Item">The item; default when <paramref name="IsShutdown"/>.</param>
/// <param name="IsShutdown">True when the queue is shut down and empty; the worker should exit.</param>
public readonly record struct WorkItem<T>(T Item, bool IsShutdown);
