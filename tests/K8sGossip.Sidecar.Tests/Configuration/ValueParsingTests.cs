using K8sGossip.Sidecar.Configuration.Values;

namespace K8sGossip.Sidecar.Tests.Configuration;

public sealed class ValueParsingTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("500ms", 500)]
    [InlineData("4s", 4_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2h45m", 9_900_000)]
    [InlineData("1500us", 1.5)]
    [InlineData("1500µs", 1.5)]
    [InlineData("2000000ns", 2)]
    public void Go_durations_parse(string text, double milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("4")]
    [InlineData("-4s")]
    [InlineData("4 s")]
    [InlineData("4sec")]
    [InlineData("s")]
    [InlineData("1d")]
    [InlineData(".s")]
    public void Malformed_durations_are_rejected(string text) => Assert.False(GoDuration.TryParse(text, out _));

    [Theory]
    [InlineData(90_000, "1m30s")]
    [InlineData(500, "500ms")]
    [InlineData(1_500, "1.5s")]
    [InlineData(3_600_000, "1h")]
    [InlineData(0, "0s")]
    public void Durations_print_as_written(double milliseconds, string text)
    {
        Assert.Equal(text, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
        Assert.True(GoDuration.TryParse(text, out var back));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), back);
    }

    [Theory]
    [InlineData("65536", 65_536L)]
    [InlineData("512KiB", 524_288L)]
    [InlineData("512 KB", 524_288L)]
    [InlineData("64MiB", 67_108_864L)]
    [InlineData("1GiB", 1_073_741_824L)]
    public void Byte_sizes_parse(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out var value));
        Assert.Equal(bytes, value);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("-1")]
    [InlineData("1.5MiB")]
    [InlineData("1TiB")]
    [InlineData("99999999999999GiB")]
    public void Malformed_byte_sizes_are_rejected(string text) => Assert.False(ByteSize.TryParse(text, out _));

    [Theory]
    [InlineData("peer0.org1.example.com:7051", "peer0.org1.example.com", 7051)]
    [InlineData("10.0.0.5:7051", "10.0.0.5", 7051)]
    [InlineData("[::1]:7051", "::1", 7051)]
    public void Endpoints_parse(string text, string host, int port)
    {
        Assert.True(HostPort.TryParse(text, out var endpoint));
        Assert.Equal(new HostPort(host, port), endpoint);
        Assert.Equal(text, endpoint!.ToString());
    }

    [Theory]
    [InlineData("peer0")]
    [InlineData(":7051")]
    [InlineData("peer0:")]
    [InlineData("peer0:0")]
    [InlineData("peer0:65536")]
    [InlineData("peer 0:7051")]
    [InlineData("[nothost]:7051")]
    [InlineData("http://peer0:7051")]
    public void Malformed_endpoints_are_rejected(string text) => Assert.False(HostPort.TryParse(text, out _));

    [Fact]
    public void Lists_from_environment_split_on_spaces_and_commas()
    {
        var parser = new ListParser<HostPort?>(new EndpointParser(allowEmpty: false));

        Assert.True(parser.TryParse(RawValue.Scalar("a:1 b:2,c:3 ,  d:4", "env"), new ParseContext("/"), out var list, out _));
        Assert.Equal(["a", "b", "c", "d"], list.Select(e => e!.Host));
    }

    [Fact]
    public void Scalar_keys_refuse_lists()
    {
        var parser = new IntegerParser(1, 10);

        Assert.False(parser.TryParse(RawValue.Sequence(["1", "2"], "core.yaml line 3"), new ParseContext("/"), out _, out var problem));
        Assert.Contains("got a list", problem, StringComparison.Ordinal);
    }
}
