using Escalator.Model.Software;

namespace Escalator.Model.Tests.Software;

public sealed class CompatibilityTests
{
    /// <summary>Nova's rule on nova-compute: the conductor may be one major ahead, never behind.</summary>
    private static readonly Compatibility ComputeToConductor = new("nova-conductor", 0, 1);

    [Theory]
    [InlineData("26.2.0", "26.0.0", true)]
    [InlineData("26.2.0", "27.0.0", true)]
    [InlineData("26.2.0", "28.0.0", false)]
    [InlineData("27.0.0", "26.9.9", false)]
    public void Allows_NovaWindow_OnlyLevelOrConductorOneAhead(string compute, string conductor, bool allowed)
    {
        var result = ComputeToConductor.Allows(SemVersion.Parse(compute), SemVersion.Parse(conductor));

        Assert.Equal(allowed, result);
    }
}
