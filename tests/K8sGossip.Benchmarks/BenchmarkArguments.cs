using System.Globalization;

namespace K8sGossip.Benchmarks;

/// <summary>The command line of the benchmark runner.</summary>
internal sealed record BenchmarkArguments
{
    public required string Scenario { get; init; }

    public string Transport { get; init; } = "sim";

    public int? N { get; init; }

    public string Profile { get; init; } = "default";

    public int Seed { get; init; } = 1;

    public int Runs { get; init; } = 3;

    public bool NoPull { get; init; }

    public int? Blocks { get; init; }

    public double? Rate { get; init; }

    public int? BlockBytes { get; init; }

    public double? HopDelayMs { get; init; }

    /// <summary>S5: round-trip time added between the catching-up peer and its source (0: plain loopback).</summary>
    public double RttMs { get; init; }

    /// <summary>S4: the election mode of the peers.</summary>
    public string Election { get; init; } = "dynamic";

    /// <summary>S6: the channel counts a peer is measured with, idle.</summary>
    public IReadOnlyList<int>? ChannelCounts { get; init; }

    /// <summary>S8: the generator rates tried, in order, until one is not sustained.</summary>
    public IReadOnlyList<int>? Rates { get; init; }

    /// <summary>S8: seconds of each measurement window.</summary>
    public int? WindowSeconds { get; init; }

    public bool FabricDefaults => Profile == "fabric-defaults";

    public const string Usage =
        "usage: K8sGossip.Benchmarks <S1|S2|S3|S4|S5|S6|S7|S8> [--transport sim|grpc] [--n N] [--profile default|fabric-defaults] " +
        "[--seed S] [--runs R] [--no-pull] [--blocks B] [--rate R] [--block-bytes X] [--hop-delay-ms D] [--rtt-ms R] [--election dynamic|lease] " +
        "[--channels 1,10,100] [--rates 2,4,8,16] [--window-s W]";

    public static BenchmarkArguments Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            throw new ArgumentException(Usage);
        }

        var result = new BenchmarkArguments { Scenario = args[0].ToUpperInvariant() };
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            string Value()
            {
                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"{name} needs a value. {Usage}");
                }

                return args[++i];
            }

            result = name switch
            {
                "--transport" => result with { Transport = OneOf(name, Value(), "sim", "grpc") },
                "--n" => result with { N = Positive(name, Value()) },
                "--profile" => result with { Profile = OneOf(name, Value(), "default", "fabric-defaults") },
                "--seed" => result with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--runs" => result with { Runs = Positive(name, Value()) },
                "--no-pull" => result with { NoPull = true },
                "--blocks" => result with { Blocks = Positive(name, Value()) },
                "--rate" => result with { Rate = PositiveDouble(name, Value()) },
                "--block-bytes" => result with { BlockBytes = Positive(name, Value()) },
                "--hop-delay-ms" => result with { HopDelayMs = PositiveDouble(name, Value()) },
                "--rtt-ms" => result with { RttMs = PositiveDouble(name, Value()) },
                "--election" => result with { Election = OneOf(name, Value(), "dynamic", "lease") },
                "--channels" => result with { ChannelCounts = PositiveList(name, Value()) },
                "--rates" => result with { Rates = PositiveList(name, Value()) },
                "--window-s" => result with { WindowSeconds = Positive(name, Value()) },
                _ => throw new ArgumentException($"Unknown option {name}. {Usage}"),
            };
        }

        return result;
    }

    private static string OneOf(string name, string value, params string[] allowed) =>
        allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new ArgumentException($"{name} must be one of {string.Join(", ", allowed)}, got '{value}'.");

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new ArgumentException($"{name} must be a positive integer, got '{value}'.");

    private static int[] PositiveList(string name, string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } items
            ? [.. items.Select(item => Positive(name, item))]
            : throw new ArgumentException($"{name} must be a comma-separated list of positive integers, got '{value}'.");

    private static double PositiveDouble(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new ArgumentException($"{name} must be a positive number, got '{value}'.");
}
