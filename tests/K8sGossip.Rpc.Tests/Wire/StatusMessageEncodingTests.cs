using K8sGossip.Rpc.Wire;

namespace K8sGossip.Rpc.Tests.Wire;

public sealed class StatusMessageEncodingTests
{
    [Fact]
    public void Printable_ascii_is_sent_unchanged()
    {
        Assert.Equal("plain message: ok!", StatusMessageEncoding.Encode("plain message: ok!"));
    }

    [Fact]
    public void Percent_controls_and_non_ascii_are_percent_encoded_as_utf8()
    {
        Assert.Equal("100%25 %C3%BC%0A", StatusMessageEncoding.Encode("100% ü\n"));
    }

    [Theory]
    [InlineData("100% ü\n")]
    [InlineData("日本語のメッセージ")]
    [InlineData("")]
    public void Decode_reverses_encode(string message)
    {
        Assert.Equal(message, StatusMessageEncoding.Decode(StatusMessageEncoding.Encode(message)));
    }

    [Fact]
    public void Malformed_escapes_are_kept_as_received()
    {
        Assert.Equal("bad %zz and %4", StatusMessageEncoding.Decode("bad %zz and %4"));
    }
}
