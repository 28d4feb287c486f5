namespace Escalator.Cli.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("validate")]
    [InlineData("plan")]
    [InlineData("generate")]
    public async Task Help_EveryCommand_ExitsZeroWithUsage(string command)
    {
        var (code, stdout, _) = await Cli.RunAsync(command, "--help");

        Assert.Equal(0, code);
        Assert.Contains("Usage:", stdout);
        Assert.Contains($"escalator {command}", stdout);
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwo()
    {
        var (code, _, stderr) = await Cli.RunAsync("frobnicate");

        Assert.Equal(2, code);
        Assert.Contains("frobnicate", stderr);
    }

    [Fact]
    public async Task Plan_UnknownFormat_ExitsTwo()
    {
        var (code, _, stderr) = await Cli.RunAsync("plan", "scenarios/ha/rolling-computes.yaml", "--format", "xml");

        Assert.Equal(2, code);
        Assert.Contains("xml", stderr);
    }
}
