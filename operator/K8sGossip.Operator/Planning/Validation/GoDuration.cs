using System.Globalization;
using System.Text.RegularExpressions;

namespace K8sGossip.Operator.Planning;

/// <summary>Parses durations in Go's notation as Fabric's configuration writes them: <c>500ms</c>, <c>4s</c>, <c>1m30s</c>.</summary>
internal static partial class GoDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || !Whole().IsMatch(text))
        {
            return false;
        }

        double milliseconds = 0;
        foreach (Match part in Part().Matches(text))
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            milliseconds += part.Groups[2].Value switch
            {
                "ms" => value,
                "s" => value * 1_000,
                "m" => value * 60_000,
                _ => value * 3_600_000,
            };
        }

        if (milliseconds > TimeSpan.MaxValue.TotalMilliseconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    [GeneratedRegex("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Whole();

    [GeneratedRegex("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
