using System.Collections.Concurrent;
using K8sGossip.Kubernetes.Runtime;
using K8sGossip.Kubernetes.Tests.Infrastructure;

namespace K8sGossip.Kubernetes.Tests.Runtime;

public sealed class ControllerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private sealed class ScriptedReconciler(Func<ObjectKey, CancellationToken, Task<ReconcileResult>> body) : IReconciler
    {
        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken) => body(key, cancellationToken);
    }

    [Fact]
    public async Task A_key_enqueued_1000_times_during_its_reconcile_is_reconciled_twice_and_never_concurrently()
    {
        var time = new ManualTimeProvider();
        var firstRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        var concurrent = 0;
        var maxConcurrent = 0;
        var reconciler = new ScriptedReconciler(async (_, _) =>
        {
            var now = Interlocked.Increment(ref concurrent);
            InterlockedMax(ref maxConcurrent, now);
            if (Interlocked.Increment(ref runs) == 1)
            {
                firstRunning.SetResult();
                await release.Task;
            }

            Interlocked.Decrement(ref concurrent);
            return ReconcileResult.Done;
        });
        using var controller = new Controller(reconciler, new ControllerOptions { Workers = 4 }, time);
        using var cts = new CancellationTokenSource();
        var run = controller.RunAsync(cts.Token);
        var key = new ObjectKey("ns", "org");

        controller.Queue.Add(key);
        await firstRunning.Task.WaitAsync(Bound);
        for (var i = 0; i < 1000; i++)
        {
            controller.Queue.Add(key);
        }

        release.SetResult();
        await Eventually.TrueAsync(() => Volatile.Read(ref runs) == 2 && controller.Queue.Count == 0, Bound, "the second reconcile ran");
        await Task.Delay(100);

        Assert.Equal(2, Volatile.Read(ref runs));
        Assert.Equal(1, maxConcurrent);
        await cts.CancelAsync();
        await run.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_failing_key_is_retried_with_exponential_backoff_while_other_keys_flow()
    {
        var time = new ManualTimeProvider();
        var attempts = new ConcurrentQueue<TimeSpan>();
        var good = 0;
        var start = time.GetTimestamp();
        var bad = new ObjectKey("ns", "bad");
        var reconciler = new ScriptedReconciler((key, _) =>
        {
            if (key == bad)
            {
                attempts.Enqueue(time.GetElapsedTime(start));
                throw new InvalidOperationException("boom");
            }

            Interlocked.Increment(ref good);
            return Task.FromResult(ReconcileResult.Done);
        });
        using var controller = new Controller(reconciler, new ControllerOptions { Workers = 2 }, time);
        using var cts = new CancellationTokenSource();
        var run = controller.RunAsync(cts.Token);

        controller.Queue.Add(bad);
        var expectedDelays = new[] { 5, 10, 20, 40, 80 };
        for (var i = 0; i < expectedDelays.Length; i++)
        {
            await Eventually.TrueAsync(() => attempts.Count == i + 1 && controller.Queue.DelayedCount == 1, Bound, $"attempt {i + 1} failed and its retry is scheduled");

            // Other keys are reconciled immediately, without any virtual time passing.
            controller.Queue.Add(new ObjectKey("ns", $"good-{i}"));
            await Eventually.TrueAsync(() => Volatile.Read(ref good) == i + 1, Bound, "the healthy key was reconciled");

            time.Advance(TimeSpan.FromMilliseconds(expectedDelays[i]) - TimeSpan.FromTicks(1));
            Assert.Equal(i + 1, attempts.Count);
            time.Advance(TimeSpan.FromTicks(1));
        }

        await Eventually.TrueAsync(() => attempts.Count == expectedDelays.Length + 1, Bound, "the last retry ran");
        var times = attempts.ToArray();
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToArray();
        Assert.Equal(expectedDelays.Select(d => (double)d), gaps);
        await cts.CancelAsync();
        await run.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_terminal_error_is_not_retried_and_requeue_after_schedules_the_next_pass()
    {
        var time = new ManualTimeProvider();
        var terminalRuns = 0;
        var pollRuns = 0;
        var terminal = new ObjectKey(null, "terminal");
        var reconciler = new ScriptedReconciler((key, _) =>
        {
            if (key == terminal)
            {
                Interlocked.Increment(ref terminalRuns);
                throw new TerminalReconcileException("spec.peers must be at least 1");
            }

            Interlocked.Increment(ref pollRuns);
            return Task.FromResult(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(30)));
        });
        using var controller = new Controller(reconciler, time: time);
        using var cts = new CancellationTokenSource();
        var run = controller.RunAsync(cts.Token);

        controller.Queue.Add(terminal);
        controller.Queue.Add(new ObjectKey(null, "poll"));
        await Eventually.TrueAsync(() => Volatile.Read(ref terminalRuns) == 1 && Volatile.Read(ref pollRuns) == 1 && controller.Queue.DelayedCount == 1, Bound, "both keys ran once and the poll is scheduled");

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, controller.Queue.Count);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => Volatile.Read(ref pollRuns) == 2, Bound, "the requeued key ran again");
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, Volatile.Read(ref terminalRuns));
        Assert.Equal(0, controller.Queue.NumRequeues(terminal));
        await cts.CancelAsync();
        await run.WaitAsync(Bound);
    }

    [Fact]
    public async Task Shutdown_waits_for_the_reconcile_in_progress()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = false;
        var reconciler = new ScriptedReconciler(async (_, _) =>
        {
            started.SetResult();
            await Task.Delay(200, CancellationToken.None);
            finished = true;
            return ReconcileResult.Done;
        });
        using var controller = new Controller(reconciler);
        using var cts = new CancellationTokenSource();
        var run = controller.RunAsync(cts.Token);
        controller.Queue.Add(new ObjectKey(null, "k"));
        await started.Task.WaitAsync(Bound);

        await cts.CancelAsync();
        await run.WaitAsync(Bound);

        Assert.True(finished);
    }

    [Fact]
    public void Invalid_controller_options_name_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new ControllerOptions { Workers = 0 }.Validate());

        Assert.Contains("Workers", error.Message, StringComparison.Ordinal);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
