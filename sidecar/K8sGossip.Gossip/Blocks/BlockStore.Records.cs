using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace K8sGossip.Gossip.Blocks;

/// <summary>Writing and reading records.</summary>
public sealed partial class BlockStore
{
    /// <summary>Writes the records of already checked blocks: as many as fit in the current segment with one vectored
    /// write and one fsync, rolling to a new segment when the size limit is reached. Each durable chunk is published
    /// (index, cache, tip) only after its fsync.</summary>
    private async Task WriteAsync(IReadOnlyList<EncodedBlock> blocks)
    {
        var next = 0;
        while (next < blocks.Count)
        {
            var segment = _segments[^1];
            if (segment.Count > 0 && segment.Size + SegmentFormat.RecordHeaderSize + blocks[next].Size > _options.SegmentMaxBytes)
            {
                CreateSegment(Height);
                continue;
            }

            var buffers = new List<ReadOnlyMemory<byte>>();
            var offsets = new List<long>();
            var end = segment.Size;
            var chunkEnd = next;
            while (chunkEnd < blocks.Count
                && (chunkEnd == next || end + SegmentFormat.RecordHeaderSize + blocks[chunkEnd].Size <= _options.SegmentMaxBytes))
            {
                var payload = blocks[chunkEnd].Bytes;
                var header = new byte[SegmentFormat.RecordHeaderSize];
                BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)payload.Length);
                BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), SegmentFormat.Checksum(header.AsSpan(0, 4), payload.Span));
                buffers.Add(header);
                buffers.Add(payload);
                offsets.Add(end);
                end += SegmentFormat.RecordHeaderSize + payload.Length;
                chunkEnd++;
            }

            // The write is not cancellable: stopping half-way would leave a tail that only a reopen can cut.
            await RandomAccess.WriteAsync(_writer!, buffers, segment.Size, CancellationToken.None).ConfigureAwait(false);
            RandomAccess.FlushToDisk(_writer!);

            lock (_indexLock)
            {
                for (var i = next; i < chunkEnd; i++)
                {
                    segment.Add(offsets[i - next], blocks[i].Size);
                }

                segment.Size = end;
            }

            for (var i = next; i < chunkEnd; i++)
            {
                Cache(blocks[i]);
            }

            var last = blocks[chunkEnd - 1];
            Volatile.Write(ref _tip, new ChainTip(last.Number + 1, last.HeaderHash));
            next = chunkEnd;
        }
    }

    private void Cache(EncodedBlock block)
    {
        if (_options.ReadCacheBlocks == 0)
        {
            return;
        }

        _cache[block.Number] = block.Bytes;
        if (block.Number >= (ulong)_options.ReadCacheBlocks)
        {
            _cache.TryRemove(block.Number - (ulong)_options.ReadCacheBlocks, out _);
        }
    }

    /// <summary>Finds where block <paramref name="number"/> is. False when it is not stored (status NotFound) or lies
    /// at/after known damage (status Corrupt). A cached copy is returned in <paramref name="cached"/>.</summary>
    private bool TryLocate(ulong number, out string path, out long offset, out int length, out BlockReadStatus status, out ReadOnlyMemory<byte> cached)
    {
        path = string.Empty;
        offset = 0;
        length = 0;
        cached = ReadOnlyMemory<byte>.Empty;
        var corruption = Corruption;
        if (corruption is not null && number >= corruption.BlockNumber)
        {
            status = BlockReadStatus.Corrupt;
            return false;
        }

        status = BlockReadStatus.NotFound;
        if (number >= Height)
        {
            return false;
        }

        if (_cache.TryGetValue(number, out cached))
        {
            status = BlockReadStatus.Found;
            return true;
        }

        lock (_indexLock)
        {
            var segment = FindSegment(number);
            if (segment is null)
            {
                return false;
            }

            path = segment.Path;
            (offset, length) = segment.Locate(number);
        }

        status = BlockReadStatus.Found;
        return true;
    }

    private StoreSegment? FindSegment(ulong number)
    {
        int low = 0, high = _segments.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var segment = _segments[mid];
            if (number < segment.FirstNumber)
            {
                high = mid - 1;
            }
            else if (number >= segment.EndNumber)
            {
                low = mid + 1;
            }
            else
            {
                return segment;
            }
        }

        return null;
    }

    /// <summary>Reads one record and checks its length and checksum; damage is recorded, logged and not served.</summary>
    private async ValueTask<BlockReadResult> ReadRecordAsync(SafeFileHandle handle, ulong number, string path, long offset, int length, CancellationToken ct)
    {
        var record = new byte[SegmentFormat.RecordHeaderSize + length];
        var read = 0;
        while (read < record.Length)
        {
            var n = await RandomAccess.ReadAsync(handle, record.AsMemory(read), offset + read, ct).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        if (read < record.Length || !SegmentFormat.IsValidRecord(record))
        {
            var cause = read < record.Length ? "record is cut short" : "checksum mismatch on read";
            RecordCorruption(new BlockStoreCorruption(number, path, offset, cause), log: true);
            return BlockReadResult.Corrupt;
        }

        return new BlockReadResult(BlockReadStatus.Found, record.AsMemory(SegmentFormat.RecordHeaderSize));
    }

    /// <summary>Keeps the earliest damage found; from then on blocks at/after it are not served and nothing is appended.</summary>
    private void RecordCorruption(BlockStoreCorruption corruption, bool log)
    {
        while (true)
        {
            var current = Volatile.Read(ref _corruption);
            if (current is not null && current.BlockNumber <= corruption.BlockNumber)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _corruption, corruption, current) == current)
            {
                break;
            }
        }

        if (log)
        {
            Log.ReadCorruption(_logger, _directory, corruption.BlockNumber, corruption.SegmentPath, corruption.Offset, corruption.Cause);
        }
    }
}
