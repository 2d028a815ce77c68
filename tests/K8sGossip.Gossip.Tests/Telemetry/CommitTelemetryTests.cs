using System.Diagnostics;
using Google.Protobuf;
using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Telemetry;
using K8sGossip.Gossip.Tests.Blocks;

namespace K8sGossip.Gossip.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class CommitTelemetryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_commit_span_is_a_child_of_the_span_the_block_arrived_under_which_observers_receive()
    {
        using var spans = new SpanRecorder();
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 61, channel: "telemetry-arrival");
        var blocks = chain.Extend(3);
        var options = new BlockOptions();
        await using var store = await BlockStore.OpenAsync(dir.Path, options, ct: CancellationToken.None);
        await using var committer = new BlockCommitter(chain.Verifier(), store, options, chain.Time);
        var committed = new List<CommittedBlock>();
        committer.Committed += committed.Add;
        committer.Start();

        var arrivals = new List<ActivityContext>();
        foreach (var block in blocks)
        {
            using var arrival = GossipTelemetry.Source.StartActivity(SpanNames.GossipReceive, ActivityKind.Consumer, parentContext: default)!;
            arrivals.Add(arrival.Context);
            Assert.True(committer.TrySubmit(block.Number, block.Bytes, BlockOrigin.Push));
        }

        await committer.WaitForHeightAsync(3, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(arrivals, committed.Select(c => c.Trace));
        for (var i = 0; i < blocks.Count; i++)
        {
            var commit = Assert.Single(spans.Of(arrivals[i].TraceId), s => s.OperationName == SpanNames.Commit);
            Assert.Equal(arrivals[i].SpanId, commit.ParentSpanId);
            Assert.Equal((long)i, commit.GetTagItem(SpanAttributes.BlockNumber));
            Assert.Equal("telemetry-arrival", commit.GetTagItem(SpanAttributes.Channel));
        }
    }

    [Fact]
    public async Task Without_an_arrival_span_the_commit_span_continues_the_orderers_trace()
    {
        using var spans = new SpanRecorder();
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 62, channel: "telemetry-orderer");
        var cut = new ActivityContext(ActivityTraceId.CreateFromString("0af7651916cd43dd8448eb211c80319c"), ActivitySpanId.CreateFromString("b7ad6b7169203331"), ActivityTraceFlags.Recorded);
        var block = chain.Signer.Create(chain.Channel, 0, [], [ByteString.CopyFromUtf8("tx")], BlockTracing.ToTraceParent(cut));
        var options = new BlockOptions();
        await using var store = await BlockStore.OpenAsync(dir.Path, options, ct: CancellationToken.None);
        await using var committer = new BlockCommitter(chain.Verifier(), store, options, chain.Time);
        var committed = new List<CommittedBlock>();
        committer.Committed += committed.Add;
        committer.Start();

        Assert.True(await committer.SubmitAsync(0, block.Bytes, BlockOrigin.Deliver, CancellationToken.None));
        await committer.WaitForHeightAsync(1, CancellationToken.None).WaitAsync(Patience);

        var commit = Assert.Single(spans.Of(cut.TraceId));
        Assert.Equal(SpanNames.Commit, commit.OperationName);
        Assert.Equal(cut.SpanId, commit.ParentSpanId);
        Assert.Equal(default, Assert.Single(committed).Trace);
    }

    [Fact]
    public async Task Commits_are_counted_and_their_latency_from_the_cut_is_recorded_per_channel()
    {
        using var metrics = new MetricRecorder();
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 63, channel: "telemetry-latency");
        var blocks = chain.Extend(4);
        chain.Time.Advance(TimeSpan.FromMilliseconds(250));
        var options = new BlockOptions();
        await using var store = await BlockStore.OpenAsync(dir.Path, options, ct: CancellationToken.None);
        await using var committer = new BlockCommitter(chain.Verifier(), store, options, chain.Time);
        committer.Start();

        foreach (var block in blocks)
        {
            Assert.True(committer.TrySubmit(block.Number, block.Bytes, BlockOrigin.Push));
        }

        await committer.WaitForHeightAsync(4, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(4, metrics.Values(MetricNames.BlocksCommitted, "telemetry-latency").Sum());
        Assert.Equal([250.0, 250.0, 250.0, 250.0], metrics.Values(MetricNames.DisseminationLatency, "telemetry-latency"));
    }
}
