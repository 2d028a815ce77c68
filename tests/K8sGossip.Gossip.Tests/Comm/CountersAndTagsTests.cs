using System.Diagnostics.Metrics;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;
using K8sGossip.Gossip.Simulation;
using Microsoft.Extensions.Logging.Abstractions;
using Content = K8sGossip.Gossip.Protos.GossipMessage.ContentOneofCase;

namespace K8sGossip.Gossip.Tests.Comm;

public sealed class CountersAndTagsTests
{
    [Theory]
    [InlineData(Content.Alive, RoutingTag.Any, true)]
    [InlineData(Content.Alive, RoutingTag.OrgOnly, true)]
    [InlineData(Content.Alive, RoutingTag.ChanOnly, false)]
    [InlineData(Content.StateInfo, RoutingTag.ChanOrOrg, true)]
    [InlineData(Content.StateInfo, RoutingTag.Any, false)]
    [InlineData(Content.Data, RoutingTag.ChanAndOrg, true)]
    [InlineData(Content.Data, RoutingTag.Any, false)]
    [InlineData(Content.Leadership, RoutingTag.ChanAndOrg, true)]
    [InlineData(Content.App, RoutingTag.Any, true)]
    [InlineData(Content.Probe, RoutingTag.Unspecified, false)]
    [InlineData(Content.None, RoutingTag.Any, false)]
    public void Each_content_type_allows_only_its_routing_tags(Content content, RoutingTag tag, bool legal) =>
        Assert.Equal(legal, RoutingTagRules.IsLegal(content, tag));

    [Fact]
    public void Every_content_type_has_at_least_one_legal_tag()
    {
        foreach (var content in Enum.GetValues<Content>().Where(c => c != Content.None))
        {
            Assert.NotEmpty(RoutingTagRules.Allowed(content));
        }
    }

    [Fact]
    public void Rejections_are_counted_by_reason_attributed_to_the_peer_and_reported_as_metrics()
    {
        var counters = new NodeCounters();
        var rejections = new RejectionCounter(counters, new VirtualTimeProvider(), NullLogger.Instance);
        var blamed = new List<(PkiId, RejectionReason)>();
        rejections.PeerRejected += (peer, reason) => blamed.Add((peer, reason));
        var peer = PkiId.Compute("Org1MSP", [1, 2, 3]);
        var measured = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CountersMeter.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measured[$"{instrument.Name}/{tags[0].Value}"] = value);
        listener.Start();
        using var meter = new CountersMeter(counters);

        rejections.Reject(peer, RejectionReason.BadSignature, "test");
        rejections.Reject(peer, RejectionReason.BadSignature, "test");
        rejections.Reject(default, RejectionReason.Oversize, "test");
        counters.Increment("membership.joined", 3);
        listener.RecordObservableInstruments();

        Assert.Equal(2, counters.Get(RejectionReason.BadSignature));
        Assert.Equal(3, counters.TotalRejections);
        Assert.Equal([(peer, RejectionReason.BadSignature), (peer, RejectionReason.BadSignature)], blamed);
        Assert.Equal(2, measured["k8sgossip.rejections/BadSignature"]);
        Assert.Equal(3, measured["k8sgossip.events/membership.joined"]);
        Assert.Equal(3, counters.Snapshot()["membership.joined"]);
    }
}
