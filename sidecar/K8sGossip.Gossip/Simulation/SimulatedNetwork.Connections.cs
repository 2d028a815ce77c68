using K8sGossip.Gossip.Comm;

namespace K8sGossip.Gossip.Simulation;

/// <summary>Dials, frames and closes of simulated connections.</summary>
public sealed partial class SimulatedNetwork
{
    internal SimulatedConnection CreateOutbound(SimulatedTransport owner, string endpoint)
    {
        ConnectionsCreated++;
        return new SimulatedConnection(this, ++_nextConnectionId, owner, endpoint, isOutbound: true);
    }

    internal void OnStarted(SimulatedConnection connection)
    {
        if (!connection.IsOutbound)
        {
            // Accepted connections are already open: tell the handler right after Start, as real transports do.
            _time.Schedule(TimeSpan.Zero, () => Notify(connection, c => c.Handler!.OnOpened(c)));
            return;
        }

        var owner = connection.Owner;
        var targetEndpoint = Resolve(connection.RemoteAddress);
        if (!_hosts.TryGetValue(targetEndpoint, out var host))
        {
            ScheduleDialFailure(connection, TimeSpan.FromTicks(OneWayDelayTicks(Defaults) * 2), "connection refused: no such endpoint");
            return;
        }

        var link = LinkBetween(owner.ListenEndpoint, targetEndpoint);
        var delay = TimeSpan.FromTicks(OneWayDelayTicks(link));
        _time.Schedule(delay, () => CompleteDial(connection, host, link));
    }

    private void CompleteDial(SimulatedConnection client, Host host, LinkOptions link)
    {
        if (client.Closed || !client.Owner.IsAlive)
        {
            return;
        }

        var target = host.Current;
        if (target is null || !target.IsAlive || IsCut(client.Owner.ListenEndpoint, host.Endpoint))
        {
            // Like a SYN into a partition or to a dead host: nothing answers until the connect timeout.
            ScheduleDialFailure(client, DialTimeout, "dial timeout");
            return;
        }

        if (target.Acceptor is not { } acceptor)
        {
            ScheduleDialFailure(client, TimeSpan.FromTicks(OneWayDelayTicks(link)), "connection refused: not listening");
            return;
        }

        ConnectionsCreated++;
        var server = new SimulatedConnection(this, ++_nextConnectionId, target, client.Owner.ListenEndpoint, isOutbound: false);
        client.Link(server);
        server.Link(client);
        server.MarkOpened();
        target.Track(server);
        acceptor(server);
        var back = TimeSpan.FromTicks(OneWayDelayTicks(link));
        client.OpenAtTicks = _time.GetTimestamp() + back.Ticks;
        _time.Schedule(back, () =>
        {
            if (client.Closed || !client.Owner.IsAlive)
            {
                return;
            }

            client.MarkOpened();
            client.LastArrivalTicks = Math.Max(client.LastArrivalTicks, _time.GetTimestamp());
            Notify(client, c => c.Handler!.OnOpened(c));
        });
    }

    private void ScheduleDialFailure(SimulatedConnection client, TimeSpan after, string reason) =>
        _time.Schedule(after, () =>
        {
            if (client.Closed)
            {
                return;
            }

            client.MarkClosed();
            Notify(client, c => c.Handler!.OnClosed(c, reason), evenIfClosed: true);
        });

    internal bool Send(SimulatedConnection from, ReadOnlyMemory<byte> frame)
    {
        if (from.Closed || !from.Opened || from.Peer is not { } to)
        {
            return false;
        }

        if (frame.Length > MaxFrameBytes || from.InFlight >= MaxInFlightFrames)
        {
            return false;
        }

        if (!from.Owner.IsAlive)
        {
            return true; // a crashed node's writes go nowhere
        }

        var source = _hosts[from.Owner.ListenEndpoint].Traffic;
        source.FramesSent++;
        source.BytesSent += frame.Length;
        var link = LinkBetween(from.Owner.ListenEndpoint, to.Owner.ListenEndpoint);
        if (link.LossProbability > 0 && _random.NextDouble() < link.LossProbability)
        {
            source.FramesLost++;
            return true;
        }

        var now = _time.GetTimestamp();
        var departure = now;
        if (link.BandwidthBytesPerSecond is { } bandwidth)
        {
            departure = Math.Max(now, from.BusyUntilTicks) + (long)(frame.Length * (double)TimeSpan.TicksPerSecond / bandwidth);
            from.BusyUntilTicks = departure;
        }

        var arrival = Math.Max(departure + OneWayDelayTicks(link), to.OpenAtTicks);
        if (!link.Reorder)
        {
            arrival = Math.Max(arrival, from.LastArrivalTicks);
            from.LastArrivalTicks = arrival;
        }

        var copy = frame.ToArray();
        from.InFlight++;
        _time.Schedule(TimeSpan.FromTicks(arrival - now), () => Deliver(from, to, copy));
        return true;
    }

    private void Deliver(SimulatedConnection from, SimulatedConnection to, byte[] frame)
    {
        from.InFlight--;
        var source = _hosts[from.Owner.ListenEndpoint].Traffic;
        if (to.Closed || IsCut(from.Owner.ListenEndpoint, to.Owner.ListenEndpoint))
        {
            source.FramesLost++;
            return;
        }

        if (!to.Owner.IsAlive)
        {
            source.FramesLost++;
            if (_hosts[to.Owner.ListenEndpoint].Current is { IsAlive: true } && from.Owner.IsAlive && !from.Closed)
            {
                // The endpoint runs a new instance that knows nothing of this connection: it resets it.
                from.MarkClosed();
                Notify(from, c => c.Handler!.OnClosed(c, "connection reset by peer"), evenIfClosed: true);
            }

            return;
        }

        var target = _hosts[to.Owner.ListenEndpoint].Traffic;
        target.FramesReceived++;
        target.BytesReceived += frame.Length;
        FrameDelivered?.Invoke(new FrameDelivery(_time.Elapsed, from.Owner.ListenEndpoint, to.Owner.ListenEndpoint, to.Id, frame));
        Notify(to, c => c.Handler!.OnFrame(c, frame));
    }

    internal void Close(SimulatedConnection side, string reason)
    {
        if (side.Closed)
        {
            return;
        }

        side.MarkClosed();
        _time.Schedule(TimeSpan.Zero, () => Notify(side, c => c.Handler!.OnClosed(c, reason), evenIfClosed: true));
        if (side.Peer is not { } peer || !side.Owner.IsAlive)
        {
            return;
        }

        // The close travels behind the frames already in flight, and is lost like them across a cut or to a dead node.
        var link = LinkBetween(side.Owner.ListenEndpoint, peer.Owner.ListenEndpoint);
        var now = _time.GetTimestamp();
        var arrival = Math.Max(now + OneWayDelayTicks(link), side.LastArrivalTicks);
        _time.Schedule(TimeSpan.FromTicks(arrival - now), () =>
        {
            if (peer.Closed || !peer.Owner.IsAlive || IsCut(side.Owner.ListenEndpoint, peer.Owner.ListenEndpoint))
            {
                return;
            }

            peer.MarkClosed();
            Notify(peer, c => c.Handler!.OnClosed(c, "closed by peer: " + reason), evenIfClosed: true);
        });
    }

    private static void Notify(SimulatedConnection connection, Action<SimulatedConnection> action, bool evenIfClosed = false)
    {
        if (connection.Handler is null || !connection.Owner.IsAlive || (connection.Closed && !evenIfClosed))
        {
            return;
        }

        action(connection);
    }
}
