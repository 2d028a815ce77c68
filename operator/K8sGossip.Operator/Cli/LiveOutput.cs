using System.Globalization;
using K8sGossip.Operator.Local.Load;
using K8sGossip.Operator.Local.Runtime;
using K8sGossip.Operator.Local.Status;
using K8sGossip.Operator.Local.Terminal;

namespace K8sGossip.Operator.Cli;

/// <summary>What <c>up</c> shows while the network runs: on a terminal, the status view redrawn about once a second; otherwise one line per event.</summary>
internal sealed class LiveOutput(TextWriter output, bool redraw, TimeProvider time)
{
    private const int RecentNodeEvents = 5;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(900);

    private readonly Lock _gate = new();
    private readonly Queue<NodeProcessEvent> _nodeEvents = new();
    private readonly HashSet<NetworkEvent> _printed = [];
    private long _lastRedraw;
    private bool _stopped;

    /// <summary>Shows a supervisor event.</summary>
    public void OnNodeEvent(NodeProcessEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            if (redraw)
            {
                _nodeEvents.Enqueue(e);
                while (_nodeEvents.Count > RecentNodeEvents)
                {
                    _nodeEvents.Dequeue();
                }
            }
            else
            {
                output.WriteLine($"{e.At.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {e.Kind,-8} {e.Message}");
            }
        }
    }

    /// <summary>Shows a new observation.</summary>
    public void OnStatus(NetworkStatus status, Uri? dashboard, LoadCounters load)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(load);
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            if (redraw)
            {
                var now = time.GetTimestamp();
                if (_lastRedraw != 0 && time.GetElapsedTime(_lastRedraw, now) < RedrawInterval)
                {
                    return;
                }

                _lastRedraw = now;
                var width = Math.Max(60, SafeWidth());
                var screen = new System.Text.StringBuilder("\u001b[H\u001b[2J");
                screen.Append(TerminalView.Render(status, width));
                screen.AppendLine();
                screen.Append(CultureInfo.InvariantCulture, $"dashboard {dashboard}   transactions: {load.Accepted} accepted, {load.Failed} failed, {load.Skipped} skipped   Ctrl-C stops the network").AppendLine();
                foreach (var e in _nodeEvents)
                {
                    screen.Append(CultureInfo.InvariantCulture, $"{e.At.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {e.Message}").AppendLine();
                }

                output.Write(screen.ToString());
                output.Flush();
                return;
            }

            foreach (var e in status.Events.Where(_printed.Add))
            {
                output.WriteLine($"{e.At.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {e.Kind,-8} {e.Message}");
            }

            // Events leave the status's window; forgetting them later than that keeps the set small without printing twice.
            if (_printed.Count > 10_000)
            {
                _printed.IntersectWith(status.Events);
            }

            output.Flush();
        }
    }

    /// <summary>Stops showing (the network is stopping; its messages follow).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
        }
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}
