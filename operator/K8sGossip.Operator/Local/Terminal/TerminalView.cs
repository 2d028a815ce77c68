using System.Globalization;
using K8sGossip.Operator.Local.Status;

namespace K8sGossip.Operator.Local.Terminal;

/// <summary>
/// The terminal view of a local network: a header with the orderer, a line per channel (mode, height, leaders,
/// latency), a table of peers per organization, and the last events. Plain text with ANSI colour and no cursor
/// movement: the CLI clears the screen and prints it again.
/// </summary>
public static class TerminalView
{
    /// <summary>How many of the most recent events are shown.</summary>
    public const int EventsShown = 6;

    /// <summary>The narrowest width the view is cut to; narrower terminals wrap.</summary>
    public const int MinimumWidth = 40;

    private static readonly string[] PeerColumns = ["PEER", "STATE", ">HEIGHT", ">LAG", "LEADER OF", ">RESTARTS", ">MEMORY"];

    /// <summary>Renders <paramref name="status"/> with every line cut to <paramref name="width"/> visible characters.</summary>
    public static string Render(NetworkStatus status, int width)
    {
        ArgumentNullException.ThrowIfNull(status);
        width = Math.Max(width, MinimumWidth);
        var lines = new List<string>();
        lines.Add(Header(status));
        lines.Add("");
        lines.AddRange(Channels(status));
        var tables = status.Organizations.Select(PeerTable).ToArray();

        // Every organization's table gets the same column widths, so the tables line up under each other.
        var widths = tables.Select(t => t.Widths()).Aggregate(new int[PeerColumns.Length], (a, b) => [.. a.Zip(b, Math.Max)]);
        for (var i = 0; i < tables.Length; i++)
        {
            var organization = status.Organizations[i];
            var alive = organization.Peers.Count(p => p.State == PeerStates.Alive);
            lines.Add("");
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{Ansi.Paint(organization.Name, Ansi.Bold)} ({organization.MspId})  {alive}/{organization.Peers.Count} alive"));
            lines.AddRange(tables[i].Lines("  ", widths));
        }

        lines.Add("");
        lines.AddRange(Events(status));
        return string.Join('\n', lines.Select(l => Ansi.Truncate(l, width))) + "\n";
    }

    private static string Header(NetworkStatus status)
    {
        var peers = status.Organizations.SelectMany(o => o.Peers).ToArray();
        var alive = peers.Count(p => p.State == PeerStates.Alive);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Ansi.Paint("K8sGossip local network", Ansi.Bold)}   orderer {State(status.OrdererState)} at height {status.OrdererHeight}   peers {alive}/{peers.Length} alive   {status.At.UtcDateTime:HH:mm:ss} UTC");
    }

    private static IEnumerable<string> Channels(NetworkStatus status)
    {
        if (status.Channels.Count == 0)
        {
            return ["No channels."];
        }

        var table = new TextTable("CHANNEL", "MODE", ">HEIGHT", ">P50", ">P99", "LEADERS");
        foreach (var channel in status.Channels)
        {
            table.Add(
                Ansi.Paint(channel.Name, Ansi.Cyan),
                channel.Mode,
                Number(channel.OrdererHeight),
                Latency(channel.LatencyP50Ms),
                Latency(channel.LatencyP99Ms),
                Leaders(channel));
        }

        return table.Lines("");
    }

    private static string Leaders(ChannelStatusView channel)
    {
        if (channel.Leaders.Count > 0)
        {
            return string.Join(", ", channel.Leaders.Select(l => $"{l.Key} {l.Value}"));
        }

        return channel.Mode == "gossip" ? Ansi.Paint("none elected yet", Ansi.Yellow) : Ansi.Paint("none (every peer pulls)", Ansi.Dim);
    }

    private static TextTable PeerTable(OrganizationStatusView organization)
    {
        var table = new TextTable(PeerColumns);
        foreach (var peer in organization.Peers)
        {
            table.Add(
                peer.Name,
                State(peer.State),
                Number(peer.Height),
                peer.Lag == 0 ? "0" : Ansi.Paint(Number(peer.Lag), Ansi.Yellow),
                peer.LeaderOf.Count == 0 ? "-" : string.Join(",", peer.LeaderOf),
                peer.Restarts == 0 ? "0" : Ansi.Paint(peer.Restarts.ToString(CultureInfo.InvariantCulture), Ansi.Yellow),
                peer.MemoryMb is { } mb ? string.Create(CultureInfo.InvariantCulture, $"{mb:0} MB") : "-");
        }

        return table;
    }

    private static IEnumerable<string> Events(NetworkStatus status)
    {
        yield return Ansi.Paint("Recent events", Ansi.Bold);
        if (status.Events.Count == 0)
        {
            yield return Ansi.Paint("  none yet", Ansi.Dim);
            yield break;
        }

        foreach (var e in status.Events.Skip(Math.Max(0, status.Events.Count - EventsShown)))
        {
            var kind = Ansi.PadRight(e.Kind, 8);
            var painted = e.Kind switch
            {
                NetworkEventKinds.Dead => Ansi.Paint(kind, Ansi.Red),
                NetworkEventKinds.Suspect or NetworkEventKinds.Restart => Ansi.Paint(kind, Ansi.Yellow),
                NetworkEventKinds.Join or NetworkEventKinds.Alive => Ansi.Paint(kind, Ansi.Green),
                _ => Ansi.Paint(kind, Ansi.Cyan),
            };
            yield return string.Create(CultureInfo.InvariantCulture, $"  {e.At.UtcDateTime:HH:mm:ss}  {painted}  {e.Message}");
        }
    }

    private static string State(string state) => state switch
    {
        PeerStates.Alive => Ansi.Paint(state, Ansi.Green),
        PeerStates.Suspect => Ansi.Paint(state, Ansi.Yellow),
        _ => Ansi.Paint(state, Ansi.Red),
    };

    private static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Latency(double? ms) => ms switch
    {
        null => "-",
        >= 1000 => string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:0.0} s"),
        >= 10 => string.Create(CultureInfo.InvariantCulture, $"{ms:0} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ms:0.0} ms"),
    };
}
