using K8sGossip.Gossip.Blocks;

namespace K8sGossip.Gossip.Tests.Blocks;

public sealed class SegmentFormatTests
{
    [Fact]
    public void A_record_round_trips_and_any_changed_byte_invalidates_it()
    {
        var payload = new byte[100];
        new Random(1).NextBytes(payload);
        var record = new byte[SegmentFormat.RecordHeaderSize + payload.Length];
        SegmentFormat.WriteRecord(record, payload);
        Assert.True(SegmentFormat.IsValidRecord(record));

        for (var i = 0; i < record.Length; i++)
        {
            var damaged = (byte[])record.Clone();
            damaged[i] ^= 0x01;
            Assert.False(SegmentFormat.IsValidRecord(damaged));
        }
    }

    [Fact]
    public void A_tail_scan_finds_a_valid_record_behind_a_damaged_length()
    {
        var random = new Random(2);
        var region = new byte[700];
        random.NextBytes(region);
        var payload = new byte[50];
        random.NextBytes(payload);
        SegmentFormat.WriteRecord(region.AsSpan(333, SegmentFormat.RecordHeaderSize + payload.Length), payload);

        Assert.Equal(TailScan.ValidRecordFollows, SegmentFormat.ScanTail(region));
        region[340] ^= 0xFF;
        Assert.Equal(TailScan.NothingValidFollows, SegmentFormat.ScanTail(region));
    }

    [Fact]
    public void A_tail_scan_that_exhausts_its_budget_is_inconclusive_not_torn()
    {
        // Every aligned word declares a plausible 16-byte record with a wrong checksum.
        var region = new byte[4096];
        for (var i = 0; i < region.Length; i += 4)
        {
            region[i] = 16;
        }

        Assert.Equal(TailScan.NothingValidFollows, SegmentFormat.ScanTail(region));
        Assert.Equal(TailScan.Inconclusive, SegmentFormat.ScanTail(region, budgetBytes: 1000));
    }

    [Fact]
    public void Segment_names_and_headers_carry_the_first_block_number()
    {
        Assert.Equal("00000000000000004711.blocks", SegmentFormat.FileName(4711));
        Assert.True(SegmentFormat.TryParseFileName("00000000000000004711.blocks", out var first));
        Assert.Equal(4711UL, first);
        Assert.False(SegmentFormat.TryParseFileName("4711.blocks", out _));
        Assert.False(SegmentFormat.TryParseFileName("00000000000000004711.tmp", out _));
        Assert.True(SegmentFormat.IsValidHeader(SegmentFormat.Header(4711), 4711));
        Assert.False(SegmentFormat.IsValidHeader(SegmentFormat.Header(4711), 4712));
    }
}
