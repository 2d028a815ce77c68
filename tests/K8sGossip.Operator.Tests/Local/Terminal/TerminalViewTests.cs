using System.Text.RegularExpressions;
using K8sGossip.Operator.Local.Status;
using K8sGossip.Operator.Local.Terminal;
using K8sGossip.Operator.Tests.Local.Status;

namespace K8sGossip.Operator.Tests.Local.Terminal;

/// <summary>The terminal view's text (ANSI stripped) and colours.</summary>
public sealed partial class TerminalViewTests
{
    private readonly NetworkStatus _status = SampleStatuses.TwoOrganizations();

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Sgr();

    [GeneratedRegex("\u001b\\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnyCsi();

    private static string Plain(string text) => Sgr().Replace(text, "");

    private static string[] Lines(string text) => Plain(text).TrimEnd('\n').Split('\n');

    private static string Row(string text, string first) => Lines(text).Single(l => l.TrimStart().StartsWith(first + " ", StringComparison.Ordinal));

    private static string[] Cells(string row) => row.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Stripping_the_view_for_a_pipe_leaves_the_same_text_without_any_escape_sequence()
    {
        var view = TerminalView.Render(_status, 160);
        var stripped = Ansi.Strip(view);
        Assert.Matches(AnyCsi(), view);
        Assert.DoesNotMatch(AnyCsi(), stripped);
        Assert.DoesNotContain('\u001b', stripped);
        Assert.Equal(Plain(view), stripped);
    }

    [Fact]
    public void The_header_shows_the_orderer_state_height_live_peers_and_time()
    {
        var header = Lines(TerminalView.Render(_status, 160))[0];

        Assert.Equal("K8sGossip local network   orderer alive at height 42   peers 3/5 alive   21:00:00 UTC", header);
    }

    [Fact]
    public void Each_channel_shows_mode_height_latency_and_leaders_per_organization()
    {
        var text = TerminalView.Render(_status, 160);

        Assert.Equal(["trade", "gossip", "42", "13", "ms", "40", "ms", "Org1MSP", "org1-0,", "Org2MSP", "org2-1"], Cells(Row(text, "trade")));
        Assert.Equal(["audit", "adaptive", "40", "-", "-", "none", "(every", "peer", "pulls)"], Cells(Row(text, "audit")));
    }

    [Fact]
    public void A_gossip_channel_without_leaders_says_none_is_elected_yet()
    {
        var channels = _status.Channels.Select(c => c with { Leaders = new Dictionary<string, string>() }).ToArray();

        var text = TerminalView.Render(_status with { Channels = channels }, 160);

        Assert.EndsWith("none elected yet", Row(text, "trade"), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_organization_has_a_table_of_its_peers()
    {
        var text = TerminalView.Render(_status, 160);
        var lines = Lines(text);

        Assert.Contains("org1 (Org1MSP)  1/3 alive", lines);
        Assert.Contains("org2 (Org2MSP)  2/2 alive", lines);
        Assert.Equal(["PEER", "STATE", "HEIGHT", "LAG", "LEADER", "OF", "RESTARTS", "MEMORY"], Cells(lines.First(l => l.TrimStart().StartsWith("PEER", StringComparison.Ordinal))));
        Assert.Equal(["org1-0", "alive", "42", "0", "trade", "0", "85", "MB"], Cells(Row(text, "org1-0")));
        Assert.Equal(["org1-1", "suspect", "39", "3", "-", "0", "80", "MB"], Cells(Row(text, "org1-1")));
        Assert.Equal(["org1-2", "dead", "30", "12", "-", "2", "-"], Cells(Row(text, "org1-2")));
        Assert.Equal(["org2-1", "alive", "40", "0", "trade", "1", "92", "MB"], Cells(Row(text, "org2-1")));
    }

    [Fact]
    public void Peer_states_are_green_yellow_and_red()
    {
        var text = TerminalView.Render(_status, 160);

        Assert.Contains("\u001b[32malive\u001b[0m", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[33msuspect\u001b[0m", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[31mdead\u001b[0m", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_most_recent_events_are_listed_oldest_first()
    {
        var lines = Lines(TerminalView.Render(_status, 160));
        var start = Array.IndexOf(lines, "Recent events");

        Assert.Equal("  20:59:51  join      org1-0 joined at height 0", lines[start + 1]);
        Assert.Equal("  20:59:55  dead      org1-2 is dead", lines[start + 2]);
        Assert.Equal("  20:59:59  leader    org2-1 leads trade for Org2MSP (was org2-0)", lines[start + 3]);
        Assert.Equal(start + 4, lines.Length);
    }

    [Fact]
    public void Only_the_last_few_events_are_shown()
    {
        var events = Enumerable.Range(0, 20)
            .Select(i => new NetworkEvent(ManualClock.Start.AddSeconds(i), NetworkEventKinds.Restart, "org1-2", $"event {i}"))
            .ToArray();

        var text = Plain(TerminalView.Render(_status with { Events = events }, 160));

        Assert.DoesNotContain("event 13", text, StringComparison.Ordinal);
        Assert.Contains("event 14", text, StringComparison.Ordinal);
        Assert.Contains("event 19", text, StringComparison.Ordinal);
        Assert.Equal(TerminalView.EventsShown, Lines(text).Count(l => l.Contains("event ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_network_without_events_says_so()
    {
        var text = TerminalView.Render(_status with { Events = [] }, 160);

        Assert.Equal("  none yet", Lines(text)[^1]);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(60)]
    [InlineData(100)]
    [InlineData(200)]
    public void No_line_is_wider_than_the_terminal_and_no_colour_leaks_past_a_line_end(int width)
    {
        var text = TerminalView.Render(_status, width);

        Assert.All(Lines(text), l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));
        Assert.All(text.Split('\n'), l => Assert.True(Sgr().Matches(l) is not { Count: > 0 } sequences || sequences[^1].Value == Ansi.Reset, $"colour leaks past the end of: {l}"));
        if (Lines(TerminalView.Render(_status, 1000)).Max(l => l.Length) > width)
        {
            Assert.Contains(Lines(text), l => l.Length == width);
        }
    }

    [Fact]
    public void A_width_below_the_minimum_renders_at_the_minimum()
    {
        Assert.Equal(TerminalView.Render(_status, TerminalView.MinimumWidth), TerminalView.Render(_status, 5));
    }

    [Fact]
    public void The_view_uses_colour_only_and_never_moves_the_cursor()
    {
        var text = TerminalView.Render(_status, 160);

        Assert.Equal(AnyCsi().Count(text), Sgr().Count(text));
        Assert.True(Sgr().Count(text) > 0);
        Assert.DoesNotContain('\r', text);
    }
}
