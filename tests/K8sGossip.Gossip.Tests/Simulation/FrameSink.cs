using K8sGossip.Gossip.Comm;

namespace K8sGossip.Gossip.Tests.Simulation;

/// <summary>A connection handler that records what a raw simulated connection sees.</summary>
internal sealed class FrameSink : IConnectionHandler
{
    public bool Opened { get; private set; }

    public string? Closed { get; private set; }

    public List<byte[]> Frames { get; } = [];

    public void OnOpened(ITransportConnection connection) => Opened = true;

    public void OnFrame(ITransportConnection connection, ReadOnlyMemory<byte> frame) => Frames.Add(frame.ToArray());

    public void OnClosed(ITransportConnection connection, string reason) => Closed = reason;
}
