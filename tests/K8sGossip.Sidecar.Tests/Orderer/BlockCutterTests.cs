using K8sGossip.Gossip.Simulation;
using K8sGossip.Sidecar.Orderer;

namespace K8sGossip.Sidecar.Tests.Orderer;

public sealed class BlockCutterTests
{
    private static byte[] Bytes(int n) => new byte[n];

    [Fact]
    public void A_batch_is_cut_when_it_reaches_the_message_count()
    {
        var cutter = new BlockCutter(new BatchOptions { MaxMessages = 3 }, new VirtualTimeProvider());

        Assert.Empty(cutter.Add(Bytes(1)));
        Assert.Empty(cutter.Add(Bytes(1)));
        var cuts = cutter.Add(Bytes(1));

        Assert.Equal(3, Assert.Single(cuts).Count);
        Assert.Equal(0, cutter.PendingCount);
    }

    [Fact]
    public void A_batch_is_cut_before_an_envelope_would_exceed_the_byte_budget()
    {
        var cutter = new BlockCutter(new BatchOptions { MaxBytes = 100 }, new VirtualTimeProvider());

        Assert.Empty(cutter.Add(Bytes(60)));
        var cuts = cutter.Add(Bytes(50));

        Assert.Single(Assert.Single(cuts));
        Assert.Equal(1, cutter.PendingCount);
    }

    [Fact]
    public void An_oversized_envelope_forces_out_the_pending_batch_and_forms_its_own()
    {
        var cutter = new BlockCutter(new BatchOptions { MaxBytes = 100 }, new VirtualTimeProvider());
        cutter.Add(Bytes(10));

        var cuts = cutter.Add(Bytes(500));

        Assert.Equal(2, cuts.Count);
        Assert.Equal(10, cuts[0].Single().Length);
        Assert.Equal(500, cuts[1].Single().Length);
    }

    [Fact]
    public void A_pending_batch_is_cut_once_its_first_envelope_waited_for_the_timeout()
    {
        var time = new VirtualTimeProvider();
        var cutter = new BlockCutter(new BatchOptions { Timeout = TimeSpan.FromMilliseconds(200) }, time);
        cutter.Add(Bytes(1));
        time.Advance(TimeSpan.FromMilliseconds(150));
        cutter.Add(Bytes(1));

        Assert.Null(cutter.CutIfDue());
        time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(2, cutter.CutIfDue()!.Count);
        Assert.Null(cutter.CutIfDue());
        Assert.Null(cutter.Deadline);
    }
}
