using System.Text;

namespace K8sGossip.Operator.Local.Terminal;

/// <summary>A plain-text table whose columns are as wide as their widest cell; cells may carry ANSI colour.</summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table; a header starting with '&gt;' is right-aligned (the '&gt;' is not shown).</summary>
    public TextTable(params string[] headers)
    {
        _rightAligned = [.. headers.Select(h => h.StartsWith('>'))];
        _headers = [.. headers.Select(h => h.TrimStart('>'))];
    }

    /// <summary>Adds a row with one cell per column.</summary>
    public TextTable Add(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"A row needs {_headers.Length} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    /// <summary>The visible width of each column: its widest cell or header.</summary>
    public int[] Widths() => [.. _headers.Select((h, i) => _rows.Select(r => Ansi.VisibleLength(r[i])).Append(h.Length).Max())];

    /// <summary>
    /// The lines of the table (header dimmed first), each starting with <paramref name="indent"/>; columns are at least
    /// <paramref name="minimumWidths"/> wide, so several tables can line up.
    /// </summary>
    public IEnumerable<string> Lines(string indent, IReadOnlyList<int>? minimumWidths = null)
    {
        var widths = Widths();
        for (var i = 0; i < widths.Length && minimumWidths is not null && i < minimumWidths.Count; i++)
        {
            widths[i] = Math.Max(widths[i], minimumWidths[i]);
        }

        yield return indent + Ansi.Paint(Line(_headers, widths), Ansi.Dim);
        foreach (var row in _rows)
        {
            yield return indent + Line(row, widths);
        }
    }

    private string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            var last = i == cells.Length - 1;
            line.Append(_rightAligned[i] ? Ansi.PadLeft(cells[i], widths[i]) : last ? cells[i] : Ansi.PadRight(cells[i], widths[i]));
        }

        return line.ToString();
    }
}
