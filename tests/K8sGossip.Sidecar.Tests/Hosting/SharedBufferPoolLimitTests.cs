using K8sGossip.Sidecar.Hosting;

namespace K8sGossip.Sidecar.Tests.Hosting;

public sealed class SharedBufferPoolLimitTests
{
    [Fact]
    public void The_limit_is_set_when_absent_and_an_operators_value_is_kept()
    {
        var original = Environment.GetEnvironmentVariable(SharedBufferPoolLimit.Variable);
        try
        {
            Environment.SetEnvironmentVariable(SharedBufferPoolLimit.Variable, null);
            Assert.Equal("8", SharedBufferPoolLimit.Apply());
            Assert.Equal("8", Environment.GetEnvironmentVariable(SharedBufferPoolLimit.Variable));

            Environment.SetEnvironmentVariable(SharedBufferPoolLimit.Variable, "64");
            Assert.Equal("64", SharedBufferPoolLimit.Apply());
            Assert.Equal("64", Environment.GetEnvironmentVariable(SharedBufferPoolLimit.Variable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(SharedBufferPoolLimit.Variable, original);
        }
    }
}
