using System.Globalization;
using System.Text.RegularExpressions;

namespace K8sGossip.Sidecar.Configuration.Values;

/// <summary>Parses and prints byte sizes: a whole number with an optional unit (B, KiB, MiB, GiB; KB, MB, GB count in 1024 as Fabric's configtx does).</summary>
internal static partial class ByteSize
{
    /// <summary>The expected form, for error messages.</summary>
    public const string ExpectedForm = "a byte size such as 65536, 512KiB, 64MiB or 1GiB (KB, MB, GB also count in 1024)";

    /// <summary>Parses <paramref name="text"/>.</summary>
    public static bool TryParse(string text, out long value)
    {
        value = 0;
        var match = SizePattern().Match(text.Trim());
        if (!match.Success ||
            !long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        var multiplier = match.Groups["u"].Value.ToUpperInvariant() switch
        {
            "" or "B" => 1L,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            _ => 0L,
        };
        if (multiplier == 0 || amount > long.MaxValue / multiplier)
        {
            return false;
        }

        value = amount * multiplier;
        return true;
    }

    /// <summary>Prints <paramref name="bytes"/> with the largest binary unit that divides it.</summary>
    public static string Format(long bytes)
    {
        if (bytes != 0 && bytes % (1L << 30) == 0)
        {
            return (bytes >> 30).ToString(CultureInfo.InvariantCulture) + "GiB";
        }

        if (bytes != 0 && bytes % (1L << 20) == 0)
        {
            return (bytes >> 20).ToString(CultureInfo.InvariantCulture) + "MiB";
        }

        if (bytes != 0 && bytes % (1L << 10) == 0)
        {
            return (bytes >> 10).ToString(CultureInfo.InvariantCulture) + "KiB";
        }

        return bytes.ToString(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<n>[0-9]+)\s*(?<u>[A-Za-z]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();
}
