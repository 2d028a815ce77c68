using System.Text;
using K8sGossip.Gossip.Blocks;

namespace K8sGossip.Gossip.Tests.Blocks;

public sealed class Crc32CTests
{
    [Theory]
    [InlineData("123456789", 0xE3069283u)]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xC1D04330u)]
    public void Known_check_values_are_reproduced(string input, uint expected)
    {
        var bytes = Encoding.ASCII.GetBytes(input);
        Assert.Equal(expected, Crc32C.Compute(bytes));
        Assert.Equal(expected, Crc32C.ComputeWithTable(bytes));
    }

    [Fact]
    public void Rfc3720_vectors_of_zeros_and_ones_are_reproduced()
    {
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
    }

    [Fact]
    public void Hardware_and_table_paths_agree_and_appending_equals_one_pass()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var data = new byte[random.Next(0, 300)];
            random.NextBytes(data);
            var whole = Crc32C.Compute(data);
            Assert.Equal(Crc32C.ComputeWithTable(data), whole);
            var split = random.Next(0, data.Length + 1);
            Assert.Equal(whole, Crc32C.Append(Crc32C.Compute(data.AsSpan(0, split)), data.AsSpan(split)));
        }
    }
}
