namespace Escalator.Cli.Tests;

/// <summary>What <c>escalator serve</c> refuses before it listens (the service itself is tested in Escalator.Service.Tests).</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("escalator-serve-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Serve_NeitherKeysNorKeystone_RefusesWithExitTwo()
    {
        var (code, stdout, stderr) = await Cli.RunAsync("serve", "--state", _dir, "--listen", "http://127.0.0.1:0");

        Assert.Equal(2, code);
        Assert.Contains("serve refuses to run without authentication: give --keys FILE", stderr);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Serve_KeysFileWithErrors_NamesFileLineAndFieldOfEach()
    {
        var keys = Path.Combine(_dir, "keys.yaml");
        await File.WriteAllTextAsync(keys, $$"""
            keys:
              - {name: ops, sha256: {{ServeKeys.Sha("k")}}, roles: [admin]}
              - {name: ops, sha256: abc123, role: [reader]}
            """);

        var (code, _, stderr) = await Cli.RunAsync("serve", "--state", _dir, "--keys", keys);

        Assert.Equal(2, code);
        Assert.Contains($"{keys}:3:", stderr);
        Assert.Contains("error ESC-P05: keys[1].sha256: expected the key's SHA-256 as 64 hexadecimal digits", stderr);
        Assert.Contains("error ESC-P02: keys[1].role: unknown key 'role'; did you mean 'roles'?", stderr);
        Assert.Contains("error ESC-P03: keys[1].roles: the key 'roles' is required", stderr);
        Assert.DoesNotContain("abc123", stderr);
    }

    [Fact]
    public async Task Serve_OpenStackBackendWithoutACloud_SaysToNameOne()
    {
        var keys = Path.Combine(_dir, "keys.yaml");
        await File.WriteAllTextAsync(keys, ServeKeys.KeysYaml);

        var (code, _, stderr) = await Cli.RunAsync("serve", "--state", _dir, "--keys", keys, "--backend", "openstack");

        Assert.Equal(2, code);
        Assert.Contains("--backend openstack runs campaigns on a cloud: name it with --os-cloud NAME", stderr);
    }

    [Theory]
    [InlineData("--listen", "https://127.0.0.1:8786", "--listen expects an http URL")]
    [InlineData("--listen", "http://127.0.0.1:8786/api", "--listen expects scheme, host and port only")]
    [InlineData("--progress-webhook", "ftp://hooks.test/x", "--progress-webhook expects an absolute http or https URL")]
    [InlineData("--os-cloud", "no-such-cloud", "Keystone for serve: ")]
    public async Task Serve_UnusableOption_SaysWhichAndExitsTwo(string option, string value, string expected)
    {
        var keys = Path.Combine(_dir, "keys.yaml");
        await File.WriteAllTextAsync(keys, ServeKeys.KeysYaml);
        var clouds = Path.Combine(_dir, "clouds.yaml");
        await File.WriteAllTextAsync(clouds, "clouds: {}\n");

        var (code, _, stderr) = await Cli.RunAsync("serve", "--state", _dir, "--keys", keys, "--clouds-yaml", clouds, option, value);

        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }
}
