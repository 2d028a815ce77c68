using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace K8sGossip.Benchmarks.Links;

/// <summary>
/// A TCP relay on 127.0.0.1 that puts a fixed round-trip time between its clients and one target, as a link between
/// zones or regions would: each direction holds every chunk for half the round trip and delivers chunks in order,
/// with no bandwidth limit. It stands in for <c>tc netem</c>, which needs a kernel queueing discipline this machine
/// lacks. The bytes pass through untouched, so TLS runs end to end between client and target.
/// </summary>
internal sealed class LatencyRelay : IAsyncDisposable
{
    private const int ChunkBytes = 64 * 1024;

    private readonly Socket _listener;
    private readonly IPEndPoint _target;
    private readonly TimeSpan _oneWay;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;

    private LatencyRelay(IPEndPoint target, TimeSpan roundTrip)
    {
        _target = target;
        _oneWay = roundTrip / 2;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        _accepting = AcceptAsync(_stop.Token);
    }

    /// <summary>The relay's address: connect here to reach the target through the delay.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Starts a relay to <paramref name="target"/> that adds <paramref name="roundTrip"/> to every round trip.</summary>
    public static LatencyRelay Start(IPEndPoint target, TimeSpan roundTrip) => new(target, roundTrip);

    /// <summary>The <c>https://</c> address of a relay to the authority of <paramref name="address"/>, or the address
    /// itself when no delay is asked for.</summary>
    public static Uri Through(Uri address, TimeSpan roundTrip, List<LatencyRelay> relays)
    {
        if (roundTrip <= TimeSpan.Zero)
        {
            return address;
        }

        var relay = Start(IPEndPoint.Parse(address.Authority), roundTrip);
        relays.Add(relay);
        return new Uri($"https://{relay.EndPoint}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await Quietly(_accepting);
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        foreach (var connection in connections)
        {
            await Quietly(connection);
        }

        _stop.Dispose();
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The relay is closing; its sockets go with it.
        }
    }

    private async Task AcceptAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var client = await _listener.AcceptAsync(ct);
            lock (_connections)
            {
                _connections.Add(RelayAsync(client, ct));
            }
        }
    }

    private async Task RelayAsync(Socket client, CancellationToken ct)
    {
        using var _ = client;
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        await server.ConnectAsync(_target, ct);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var up = PumpAsync(client, server, linked.Token);
        var down = PumpAsync(server, client, linked.Token);
        await Task.WhenAny(up, down);
        await linked.CancelAsync();
        await Quietly(up);
        await Quietly(down);
    }

    /// <summary>Reads from <paramref name="from"/> as fast as it can and writes each chunk to <paramref name="to"/>
    /// one one-way delay after it was read, in order.</summary>
    private async Task PumpAsync(Socket from, Socket to, CancellationToken ct)
    {
        var queue = Channel.CreateUnbounded<(long Due, byte[]? Buffer, int Length)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writer = WriteDelayedAsync(queue.Reader, to, ct);
        var delayTicks = (long)(_oneWay.TotalSeconds * Stopwatch.Frequency);
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, ct);
                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    queue.Writer.TryWrite((Stopwatch.GetTimestamp() + delayTicks, null, 0));
                    break;
                }

                queue.Writer.TryWrite((Stopwatch.GetTimestamp() + delayTicks, buffer, read));
            }
        }
        finally
        {
            queue.Writer.TryComplete();
            await writer;
        }
    }

    private static async Task WriteDelayedAsync(ChannelReader<(long Due, byte[]? Buffer, int Length)> queue, Socket to, CancellationToken ct)
    {
        await foreach (var (due, buffer, length) in queue.ReadAllAsync(ct))
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            if (buffer is null)
            {
                to.Shutdown(SocketShutdown.Send);
                return;
            }

            try
            {
                await to.SendAsync(buffer.AsMemory(0, length), SocketFlags.None, ct);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
