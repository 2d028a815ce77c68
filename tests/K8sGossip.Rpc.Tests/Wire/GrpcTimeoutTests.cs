using K8sGossip.Rpc.Wire;

namespace K8sGossip.Rpc.Tests.Wire;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("2H", 2 * 3600 * 1000.0)]
    [InlineData("3M", 3 * 60 * 1000.0)]
    [InlineData("5S", 5000.0)]
    [InlineData("250m", 250.0)]
    [InlineData("1500u", 1.5)]
    [InlineData("2000000n", 2.0)]
    [InlineData("99999999S", 99_999_999_000.0)]
    public void Every_unit_parses_to_the_right_duration(string header, double expectedMilliseconds)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(expectedMilliseconds, timeout.TotalMilliseconds, precision: 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-1S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    [InlineData(" 1S")]
    public void Malformed_values_are_rejected(string header)
    {
        Assert.False(GrpcTimeout.TryParse(header, out _));
    }

    [Theory]
    [InlineData(0.5, "500u")]
    [InlineData(250, "250000u")]
    [InlineData(99_999, "99999000u")]
    [InlineData(100_000, "100000m")]
    [InlineData(200_000_000, "200000S")]
    public void Format_uses_the_finest_unit_that_fits_in_eight_digits(double milliseconds, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Format_never_produces_a_zero_or_unparseable_timeout()
    {
        foreach (var value in new[] { TimeSpan.Zero, TimeSpan.FromTicks(1), TimeSpan.FromDays(20_000), TimeSpan.MaxValue })
        {
            string header = GrpcTimeout.Format(value);
            Assert.True(GrpcTimeout.TryParse(header, out var parsed), header);
            Assert.True(parsed > TimeSpan.Zero, header);
        }
    }
}
