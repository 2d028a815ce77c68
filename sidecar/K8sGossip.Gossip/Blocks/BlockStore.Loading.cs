using Microsoft.Win32.SafeHandles;

namespace K8sGossip.Gossip.Blocks;

/// <summary>Opening: rebuilding the index and the chain tip from the segment files.</summary>
public sealed partial class BlockStore
{
    private async Task LoadAsync(CancellationToken ct)
    {
        var recovered = await SegmentRecovery.RecoverAsync(_directory, _logger, ct).ConfigureAwait(false);
        lock (_indexLock)
        {
            _segments.Clear();
            _segments.AddRange(recovered.Segments);
        }

        if (recovered.Corruption is not null)
        {
            RecordCorruption(recovered.Corruption, log: false);
        }

        await InitializeTipAsync(ct).ConfigureAwait(false);
        if (Corruption is null)
        {
            OpenWriter();
        }

        Log.Opened(_logger, _directory, Height, _segments.Count);
    }

    /// <summary>Reads the last indexed block to learn the last header hash. A record whose checksum holds but which
    /// does not decode as the expected block is damage too: it is reported and the tip moves back before it.</summary>
    private async Task InitializeTipAsync(CancellationToken ct)
    {
        while (true)
        {
            StoreSegment? last;
            lock (_indexLock)
            {
                last = _segments.LastOrDefault(s => s.Count > 0);
            }

            if (last is null)
            {
                Volatile.Write(ref _tip, ChainTip.Empty);
                return;
            }

            var number = last.EndNumber - 1;
            var (offset, length) = last.Locate(number);
            BlockReadResult read;
            using (var handle = OpenForRead(last.Path))
            {
                read = await ReadRecordAsync(handle, number, last.Path, offset, length, ct).ConfigureAwait(false);
            }

            string? cause = null;
            if (read.Status == BlockReadStatus.Found)
            {
                var decoded = EncodedBlock.TryDecode(read.Bytes, SegmentFormat.MaxRecordBytes, out var block, out var detail);
                if (decoded == BlockRejection.None && block!.Number == number)
                {
                    Volatile.Write(ref _tip, new ChainTip(number + 1, block.HeaderHash));
                    return;
                }

                cause = decoded == BlockRejection.None ? $"record holds block {block!.Number}" : "record is not a block: " + detail;
                RecordCorruption(new BlockStoreCorruption(number, last.Path, offset, cause), log: true);
            }

            lock (_indexLock)
            {
                last.TrimTo(last.Count - 1);
            }
        }
    }

    private void OpenWriter()
    {
        StoreSegment? last;
        lock (_indexLock)
        {
            last = _segments.Count > 0 ? _segments[^1] : null;
        }

        if (last is null)
        {
            CreateSegment(Height);
            return;
        }

        _writer = File.OpenHandle(last.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
    }

    /// <summary>Creates the segment whose first block is <paramref name="firstNumber"/> and makes both its header and
    /// its directory entry durable before any record goes in, so recovery never finds records behind a lost header.</summary>
    private void CreateSegment(ulong firstNumber)
    {
        var path = Path.Combine(_directory, SegmentFormat.FileName(firstNumber));
        SafeFileHandle handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            RandomAccess.Write(handle, SegmentFormat.Header(firstNumber), 0);
            RandomAccess.FlushToDisk(handle);
            DirectorySync.Flush(_directory);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        _writer?.Dispose();
        _writer = handle;
        lock (_indexLock)
        {
            _segments.Add(new StoreSegment(path, firstNumber));
        }
    }
}
