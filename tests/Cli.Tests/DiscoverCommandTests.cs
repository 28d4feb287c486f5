namespace Escalator.Cli.Tests;

/// <summary>The ways <c>discover</c> refuses before it reaches a cloud; reading a real cloud is tested live in LiveBackend.Tests.</summary>
public sealed class DiscoverCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("escalator-discover-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string CloudsYaml(string text)
    {
        var path = Path.Combine(_dir, "clouds.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Discover_UnknownCloud_Exit2NamingFileAndKnownClouds()
    {
        var file = CloudsYaml("clouds:\n  lab: {auth: {auth_url: 'http://127.0.0.1:1/v3', username: u, password: p, project_name: x}}\n  edge: {}\n");

        var (code, stdout, stderr) = await Cli.RunAsync("discover", "--os-cloud", "prod", "--clouds-yaml", file);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal($"escalator: {file}: cloud 'prod' not found; clouds defined: lab, edge\n", stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Discover_MissingCloudsYaml_Exit2SayingItDoesNotExist()
    {
        var missing = Path.Combine(_dir, "nowhere.yaml");

        var (code, _, stderr) = await Cli.RunAsync("discover", "--os-cloud", "lab", "--clouds-yaml", missing);

        Assert.Equal(2, code);
        Assert.Equal($"escalator: clouds.yaml '{missing}' does not exist\n", stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Discover_IncompleteCloud_Exit2ListingEveryMissingField()
    {
        var file = CloudsYaml("clouds:\n  lab:\n    auth: {username: u}\n");

        var (code, _, stderr) = await Cli.RunAsync("discover", "--os-cloud", "lab", "--clouds-yaml", file);

        Assert.Equal(2, code);
        var lines = stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.StartsWith($"escalator: {file}: cloud 'lab': missing auth.", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Discover_BadTimeout_Exit2()
    {
        var (code, _, stderr) = await Cli.RunAsync("discover", "--timeout", "soon");

        Assert.Equal(2, code);
        Assert.Contains("--timeout expects a duration", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsDiscover()
    {
        var (code, stdout, _) = await Cli.RunAsync("--help");

        Assert.Equal(0, code);
        Assert.Contains("discover", stdout, StringComparison.Ordinal);
    }
}
