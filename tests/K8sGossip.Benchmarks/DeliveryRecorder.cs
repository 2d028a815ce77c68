namespace K8sGossip.Benchmarks;

/// <summary>When each block was published and when each receiver got it (thread-safe: real transports deliver on
/// many threads).</summary>
internal sealed class DeliveryRecorder(Func<double> nowMs, int receivers)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, double> _published = [];
    private readonly Dictionary<ulong, (int Count, double Last)> _delivered = [];
    private readonly List<int> _hops = [];
    private long _pairs;

    public void Published(ulong seq)
    {
        lock (_gate)
        {
            _published[seq] = nowMs();
        }
    }

    public void Delivered(ulong seq, int hops)
    {
        lock (_gate)
        {
            var now = nowMs();
            var (count, last) = _delivered.GetValueOrDefault(seq);
            _delivered[seq] = (count + 1, Math.Max(last, now));
            _hops.Add(hops);
            _pairs++;
        }
    }

    public long Pairs
    {
        get
        {
            lock (_gate)
            {
                return _pairs;
            }
        }
    }

    public bool AllDelivered(int blocks)
    {
        lock (_gate)
        {
            return _pairs >= (long)blocks * receivers;
        }
    }

    /// <summary>Source-to-last-peer latency of each block every receiver got, and the delivered shares.</summary>
    public Dictionary<string, double> Summarize(int blocks)
    {
        lock (_gate)
        {
            var latencies = new List<double>();
            foreach (var (seq, published) in _published)
            {
                if (_delivered.TryGetValue(seq, out var d) && d.Count >= receivers)
                {
                    latencies.Add(d.Last - published);
                }
            }

            return new Dictionary<string, double>
            {
                ["p50_ms"] = Statistics.Percentile(latencies, 50),
                ["p99_ms"] = Statistics.Percentile(latencies, 99),
                ["max_ms"] = latencies.Count == 0 ? double.NaN : latencies.Max(),
                ["delivered"] = (double)_pairs / ((long)blocks * receivers),
                ["blocks_complete"] = (double)latencies.Count / blocks,
                ["max_hops"] = _hops.Count == 0 ? 0 : _hops.Max(),
                ["p99_hops"] = Statistics.Percentile(_hops.Select(h => (double)h).ToList(), 99),
            };
        }
    }
}
