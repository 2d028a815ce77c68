using K8sGossip.Kubernetes.Runtime;
using K8sGossip.Kubernetes.Tests.Infrastructure;

namespace K8sGossip.Kubernetes.Tests.Runtime;

public sealed class WorkQueueTests
{
    private readonly ManualTimeProvider _time = new();

    private static string Take(WorkQueue<string> queue)
    {
        var task = queue.GetAsync();
        Assert.True(task.IsCompletedSuccessfully, "an item was expected to be ready");
        Assert.False(task.Result.IsShutdown);
        return task.Result.Item;
    }

    [Fact]
    public void Duplicate_adds_before_processing_collapse_into_one_item()
    {
        using var queue = new WorkQueue<string>(_time);
        for (var i = 0; i < 1000; i++)
        {
            queue.Add("a");
        }

        queue.Add("b");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", Take(queue));
        Assert.Equal("b", Take(queue));
    }

    [Fact]
    public void A_key_added_1000_times_while_processing_is_processed_exactly_once_more()
    {
        using var queue = new WorkQueue<string>(_time);
        queue.Add("a");
        var processed = 0;

        var key = Take(queue);
        processed++;
        for (var i = 0; i < 1000; i++)
        {
            queue.Add("a");
        }

        Assert.Equal(0, queue.Count);
        queue.Done(key);

        Assert.Equal(1, queue.Count);
        key = Take(queue);
        processed++;
        queue.Done(key);

        Assert.Equal(0, queue.Count);
        Assert.Equal(2, processed);
    }

    [Fact]
    public async Task A_waiting_worker_receives_an_item_added_later()
    {
        using var queue = new WorkQueue<string>(_time);
        var waiting = queue.GetAsync();
        Assert.False(waiting.IsCompleted);

        queue.Add("x");

        Assert.True(waiting.IsCompleted);
        Assert.Equal("x", (await waiting).Item);
    }

    [Fact]
    public void Failures_back_off_exponentially_from_5_ms_and_forget_resets_the_backoff()
    {
        using var queue = new WorkQueue<string>(_time);
        var expected = new[] { 5, 10, 20, 40, 80, 160, 320, 640 };
        foreach (var delayMs in expected)
        {
            queue.AddRateLimited("bad");
            _time.Advance(TimeSpan.FromMilliseconds(delayMs) - TimeSpan.FromTicks(1));
            Assert.Equal(0, queue.Count);
            _time.Advance(TimeSpan.FromTicks(1));
            Assert.Equal(1, queue.Count);
            queue.Done(Take(queue));
        }

        Assert.Equal(expected.Length, queue.NumRequeues("bad"));
        queue.Forget("bad");
        queue.AddRateLimited("bad");
        _time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void Backoff_is_capped_at_1000_seconds()
    {
        var limiter = new ExponentialBackoffRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        var delays = Enumerable.Range(0, 40).Select(_ => limiter.When("k")).ToList();

        Assert.Equal(TimeSpan.FromMilliseconds(5), delays[0]);
        Assert.Equal(TimeSpan.FromSeconds(1000), delays[^1]);
        Assert.All(delays.Zip(delays.Skip(1)), pair => Assert.True(pair.Second >= pair.First));
    }

    [Fact]
    public void A_failing_key_does_not_delay_other_keys()
    {
        using var queue = new WorkQueue<string>(_time);
        for (var i = 0; i < 10; i++)
        {
            queue.AddRateLimited("bad");
        }

        queue.Add("good");

        Assert.Equal("good", Take(queue));
    }

    [Fact]
    public void The_token_bucket_limits_the_overall_retry_rate_after_the_burst()
    {
        var bucket = new TokenBucketRateLimiter<int>(10, 100, _time);
        var delays = Enumerable.Range(0, 102).Select(bucket.When).ToList();

        Assert.All(delays.Take(100), d => Assert.Equal(TimeSpan.Zero, d));
        Assert.Equal(TimeSpan.FromMilliseconds(100), delays[100]);
        Assert.Equal(TimeSpan.FromMilliseconds(200), delays[101]);
    }

    [Fact]
    public void An_earlier_delayed_add_wins_over_a_later_one()
    {
        using var queue = new WorkQueue<string>(_time);
        queue.AddAfter("k", TimeSpan.FromSeconds(10));
        queue.AddAfter("k", TimeSpan.FromSeconds(1));
        queue.AddAfter("k", TimeSpan.FromSeconds(5));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        queue.Done(Take(queue));
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Shutdown_hands_out_queued_items_then_signals_and_drains()
    {
        var queue = new WorkQueue<string>(_time);
        queue.Add("a");
        queue.Add("b");
        var inFlight = Take(queue);

        var drained = queue.ShutDownWithDrainAsync();
        queue.Add("ignored");
        Assert.False(drained.IsCompleted);

        Assert.Equal("b", Take(queue));
        queue.Done("b");
        Assert.False(drained.IsCompleted);
        queue.Done(inFlight);
        await drained.WaitAsync(TimeSpan.FromSeconds(5));

        var last = await queue.GetAsync();
        Assert.True(last.IsShutdown);
    }

    [Fact]
    public async Task Cancelling_a_waiting_get_does_not_lose_the_next_item()
    {
        using var queue = new WorkQueue<string>(_time);
        using var cts = new CancellationTokenSource();
        var waiting = queue.GetAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        queue.Add("x");

        Assert.Equal("x", Take(queue));
    }
}
