using System.Text;

namespace K8sGossip.Operator.Local.Terminal;

/// <summary>ANSI SGR colours, and measuring and cutting text that contains them by its visible width.</summary>
internal static class Ansi
{
    /// <summary>Ends every colour and style.</summary>
    public const string Reset = "\u001b[0m";

    /// <summary>Bold.</summary>
    public const string Bold = "\u001b[1m";

    /// <summary>Dim, for secondary text.</summary>
    public const string Dim = "\u001b[2m";

    /// <summary>Green foreground.</summary>
    public const string Green = "\u001b[32m";

    /// <summary>Yellow foreground.</summary>
    public const string Yellow = "\u001b[33m";

    /// <summary>Red foreground.</summary>
    public const string Red = "\u001b[31m";

    /// <summary>Cyan foreground.</summary>
    public const string Cyan = "\u001b[36m";

    /// <summary><paramref name="text"/> in <paramref name="style"/>, reset after.</summary>
    public static string Paint(string text, string style) => text.Length == 0 ? text : style + text + Reset;

    /// <summary><paramref name="text"/> without its escape sequences: for output that is not a terminal, or with <c>NO_COLOR</c> set.</summary>
    public static string Strip(string text)
    {
        var plain = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\u001b')
            {
                i = SequenceEnd(text, i);
            }
            else
            {
                plain.Append(text[i]);
            }
        }

        return plain.ToString();
    }

    /// <summary>The number of characters <paramref name="text"/> shows, escape sequences left out.</summary>
    public static int VisibleLength(string text)
    {
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\u001b')
            {
                i = SequenceEnd(text, i);
            }
            else
            {
                length++;
            }
        }

        return length;
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="width"/> visible characters, keeping escape sequences and resetting colour when cut.</summary>
    public static string Truncate(string text, int width)
    {
        if (VisibleLength(text) <= width)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var visible = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\u001b')
            {
                var end = SequenceEnd(text, i);
                result.Append(text, i, end - i + 1);
                i = end;
            }
            else if (visible < width)
            {
                result.Append(text[i]);
                visible++;
            }
        }

        return result.Append(Reset).ToString();
    }

    /// <summary><paramref name="text"/> padded with spaces on the right to <paramref name="width"/> visible characters.</summary>
    public static string PadRight(string text, int width) => text + new string(' ', Math.Max(0, width - VisibleLength(text)));

    /// <summary><paramref name="text"/> padded with spaces on the left to <paramref name="width"/> visible characters.</summary>
    public static string PadLeft(string text, int width) => new string(' ', Math.Max(0, width - VisibleLength(text))) + text;

    /// <summary>The index of the last character of the escape sequence starting at <paramref name="start"/>.</summary>
    private static int SequenceEnd(string text, int start)
    {
        var i = start + 1;
        if (i < text.Length && text[i] == '[')
        {
            i++;
            while (i < text.Length && !(text[i] >= '@' && text[i] <= '~'))
            {
                i++;
            }
        }

        return Math.Min(i, text.Length - 1);
    }
}
