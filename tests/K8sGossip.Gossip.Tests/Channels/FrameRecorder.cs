using K8sGossip.Gossip.Protos;
using K8sGossip.Gossip.Simulation;

namespace K8sGossip.Gossip.Tests.Channels;

/// <summary>Decodes every frame the simulated network delivers, so a test can assert what each endpoint actually
/// received on the wire rather than what a filter meant to send.</summary>
internal sealed class FrameRecorder
{
    public FrameRecorder(SimulatedNetwork network) => network.FrameDelivered += OnFrame;

    /// <summary>Every decoded message, by receiving endpoint.</summary>
    public Dictionary<string, List<(string From, GossipMessage Message)>> Received { get; } = new(StringComparer.Ordinal);

    /// <summary>Frames that did not decode as an envelope with a message.</summary>
    public int Undecodable { get; private set; }

    public IEnumerable<(string From, GossipMessage Message)> At(string endpoint) =>
        Received.TryGetValue(endpoint, out var list) ? list : [];

    private void OnFrame(FrameDelivery delivery)
    {
        GossipMessage message;
        try
        {
            message = GossipMessage.Parser.ParseFrom(Envelope.Parser.ParseFrom(delivery.Frame.Span).Payload);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            Undecodable++;
            return;
        }

        if (!Received.TryGetValue(delivery.To, out var list))
        {
            Received[delivery.To] = list = [];
        }

        list.Add((delivery.From, message));
    }
}
