using Escalator.LiveBackend.OpenStack;

namespace Escalator.LiveBackend.Tests.OpenStack;

public sealed class CloudConfigResolverTests : IDisposable
{
    private const string TwoClouds = """
        clouds:
          lab:
            auth_type: password
            auth:
              auth_url: http://keystone.lab:5000
              username: alice
              password: s3cret
              project_name: nfv
              user_domain_name: Users
              project_domain_id: proj-domain
            region_name: RegionTwo
            interface: internalURL
          edge:
            auth_type: v3applicationcredential
            auth:
              auth_url: https://keystone.edge/v3/
              application_credential_id: ac-1
              application_credential_secret: shh
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("escalator-clouds-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Resolve_NamedCloud_ReadsEveryFieldAndAddsV3()
    {
        var file = Write("clouds.yaml", TwoClouds);

        var result = CloudConfigResolver.Resolve("lab", Env(), [Path.Combine(_dir, "missing.yaml"), file]);

        Assert.True(result.Ok, string.Join("; ", result.Errors));
        var c = result.Config!;
        Assert.Equal(("lab", file), (c.CloudName, c.Source));
        Assert.Equal(new Uri("http://keystone.lab:5000/v3"), c.AuthUrl);
        Assert.Equal(CloudAuthType.Password, c.AuthType);
        Assert.Equal(("alice", "s3cret", "nfv"), (c.Username, c.Password, c.ProjectName));
        Assert.Equal(("Users", (string?)null), (c.UserDomainName, c.UserDomainId));
        Assert.Equal(((string?)null, "proj-domain"), (c.ProjectDomainName, c.ProjectDomainId));
        Assert.Equal(("RegionTwo", "internal"), (c.RegionName, c.Interface));
        Assert.DoesNotContain("s3cret", c.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ApplicationCredential_NeedsNoProject()
    {
        var file = Write("clouds.yaml", TwoClouds);

        var c = CloudConfigResolver.Resolve("edge", Env(), [file]).Config!;

        Assert.Equal(CloudAuthType.ApplicationCredential, c.AuthType);
        Assert.Equal(new Uri("https://keystone.edge/v3"), c.AuthUrl);
        Assert.Equal(("ac-1", "shh"), (c.ApplicationCredentialId, c.ApplicationCredentialSecret));
        Assert.Equal("public", c.Interface);
    }

    [Fact]
    public void Resolve_UnknownCloud_NamesFileAndDefinedClouds()
    {
        var file = Write("clouds.yaml", TwoClouds);

        var result = CloudConfigResolver.Resolve("prod", Env(), [file]);

        Assert.Null(result.Config);
        Assert.Equal([$"{file}: cloud 'prod' not found; clouds defined: lab, edge"], result.Errors);
    }

    [Fact]
    public void Resolve_OsCloudVariable_UsedWhenNoNameGiven()
    {
        var file = Write("clouds.yaml", TwoClouds);

        var result = CloudConfigResolver.Resolve(null, Env(("OS_CLOUD", "edge"), ("OS_AUTH_URL", "http://ignored")), [file]);

        Assert.Equal("edge", result.Config!.CloudName);
    }

    [Fact]
    public void Resolve_NoCloudsYaml_ListsWhereItLooked()
    {
        var a = Path.Combine(_dir, "a.yaml");
        var b = Path.Combine(_dir, "b.yaml");

        var result = CloudConfigResolver.Resolve("lab", Env(), [a, b]);

        Assert.Equal([$"cloud 'lab' asked for, but no clouds.yaml was found; looked in: {a}, {b}"], result.Errors);
    }

    [Fact]
    public void Resolve_MissingFields_ReportsEachWithCloudAndField()
    {
        var file = Write("clouds.yaml", "clouds:\n  bare:\n    auth:\n      username: bob\n");

        var result = CloudConfigResolver.Resolve("bare", Env(), [file]);

        Assert.Null(result.Config);
        Assert.Equal(3, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.StartsWith($"{file}: cloud 'bare': missing ", e));
        Assert.Contains(result.Errors, e => e.Contains("missing auth.auth_url", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("missing auth.password", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("missing auth.project_name (or auth.project_id)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("auth_type: token\n    auth: {auth_url: http://k/v3, token: x}", "auth_type is 'token'; expected password or v3applicationcredential")]
    [InlineData("auth: {auth_url: 'keystone:5000', username: u, password: p, project_id: x}", "auth.auth_url is 'keystone:5000'; expected an http or https URL")]
    [InlineData("auth: {auth_url: 'http://k:5000/v2.0', username: u, password: p, project_id: x}", "the identity v2.0 API; Escalator speaks v3 only")]
    [InlineData("auth: {auth_url: 'http://k', username: u, password: p, project_id: x}\n    interface: private", "interface is 'private'; expected public, internal or admin")]
    [InlineData("auth_type: v3applicationcredential\n    auth: {auth_url: 'http://k', application_credential_name: n}", "missing auth.application_credential_secret")]
    public void Resolve_BadSetting_SaysWhatWasExpected(string settings, string expected)
    {
        var file = Write("clouds.yaml", $"clouds:\n  c:\n    {settings}\n");

        var result = CloudConfigResolver.Resolve("c", Env(), [file]);

        Assert.Null(result.Config);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal) && e.StartsWith($"{file}: cloud 'c': ", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_NotYaml_GivesFileLineAndColumn()
    {
        var file = Write("clouds.yaml", "clouds:\n  a: [unclosed\n");

        var result = CloudConfigResolver.Resolve("a", Env(), [file]);

        Assert.Single(result.Errors);
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(file)}:\\d+:\\d+: not valid YAML", result.Errors[0]);
    }

    [Fact]
    public void Resolve_NoCloudsKey_SaysSo()
    {
        var file = Write("clouds.yaml", "cloud:\n  a: {}\n");

        var result = CloudConfigResolver.Resolve("a", Env(), [file]);

        Assert.Equal([$"{file}: no 'clouds' key; expected clouds: {{NAME: {{auth: …}}}}"], result.Errors);
    }

    [Fact]
    public void Resolve_SecureYaml_MergedOverCloudsYaml()
    {
        var file = Write("clouds.yaml", "clouds:\n  lab:\n    auth: {auth_url: 'http://k/v3', username: u, project_name: p}\n");
        var secure = Write("secure.yaml", "clouds:\n  lab:\n    auth: {password: from-secure}\n");

        var result = CloudConfigResolver.Resolve("lab", Env(), [file], [secure]);

        Assert.Equal("from-secure", result.Config!.Password);
        Assert.Equal("u", result.Config.Username);
    }

    [Fact]
    public void Resolve_Environment_ReadsOsVariablesAndDefaultsDomains()
    {
        var env = Env(("OS_AUTH_URL", "http://127.0.0.1:5000/v3"), ("OS_USERNAME", "admin"), ("OS_PASSWORD", "pw"), ("OS_PROJECT_NAME", "admin"),
            ("OS_REGION_NAME", "RegionOne"), ("OS_INTERFACE", "admin"), ("OS_INSECURE", "true"));

        var result = CloudConfigResolver.Resolve(null, env, []);

        var c = result.Config!;
        Assert.Equal((null, "OS_* environment"), (c.CloudName, c.Source));
        Assert.Equal(("admin", "pw", "admin", "RegionOne", "admin"), (c.Username, c.Password, c.ProjectName, c.RegionName, c.Interface));
        Assert.Equal(("default", "default"), (c.UserDomainId, c.ProjectDomainId));
        Assert.False(c.VerifyTls);
    }

    [Fact]
    public void Resolve_EnvironmentApplicationCredential_NeedsSecret()
    {
        var env = Env(("OS_AUTH_URL", "http://k:5000"), ("OS_AUTH_TYPE", "v3applicationcredential"), ("OS_APPLICATION_CREDENTIAL_ID", "ac"));

        var result = CloudConfigResolver.Resolve(null, env, []);

        Assert.Equal(["OS_* environment: missing OS_APPLICATION_CREDENTIAL_SECRET for auth type v3applicationcredential"], result.Errors);
    }

    [Fact]
    public void Resolve_EnvironmentMissingPassword_NamesTheVariable()
    {
        var env = Env(("OS_AUTH_URL", "http://k:5000/v3"), ("OS_USERNAME", "admin"), ("OS_TENANT_NAME", "legacy"));

        var result = CloudConfigResolver.Resolve(null, env, []);

        Assert.Equal(["OS_* environment: missing OS_PASSWORD for auth type password"], result.Errors);
    }

    [Fact]
    public void Resolve_Nothing_SaysHowToGiveACloudAndListsKnownOnes()
    {
        var file = Write("clouds.yaml", TwoClouds);

        var result = CloudConfigResolver.Resolve(null, Env(), [file]);

        Assert.Equal([$"no cloud given: pass --os-cloud NAME or set OS_CLOUD to use clouds.yaml, or set OS_AUTH_URL and the other OS_* variables; {file} defines: lab, edge"],
            result.Errors);
    }

    [Fact]
    public void Resolve_ExplicitFileMissing_SaysItDoesNotExist()
    {
        var missing = Path.Combine(_dir, "nope.yaml");

        var result = CloudConfigResolver.Resolve("lab", Env(), missing, _dir, _dir);

        Assert.Equal([$"clouds.yaml '{missing}' does not exist"], result.Errors);
    }

    [Fact]
    public void DefaultFiles_OverrideVariableFirstThenWorkingDirectoryHomeAndEtc()
    {
        var files = CloudConfigResolver.DefaultFiles(Env(("OS_CLIENT_CONFIG_FILE", "/x/my.yaml")), "/work", "/home/u", "clouds.yaml", "OS_CLIENT_CONFIG_FILE");

        Assert.Equal(["/x/my.yaml", "/work/clouds.yaml", "/home/u/.config/openstack/clouds.yaml", "/etc/openstack/clouds.yaml"], files);
    }

    [Fact]
    public void Resolve_WorkingDirectoryBeforeHome()
    {
        var work = Directory.CreateDirectory(Path.Combine(_dir, "work")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(_dir, "home", ".config", "openstack")).FullName;
        File.WriteAllText(Path.Combine(work, "clouds.yaml"), "clouds:\n  here: {auth: {auth_url: 'http://here', username: u, password: p, project_id: x}}\n");
        File.WriteAllText(Path.Combine(home, "clouds.yaml"), "clouds:\n  there: {auth: {auth_url: 'http://there', username: u, password: p, project_id: x}}\n");

        var here = CloudConfigResolver.Resolve("here", Env(), null, work, Path.Combine(_dir, "home"));
        var there = CloudConfigResolver.Resolve("there", Env(), null, work, Path.Combine(_dir, "home"));

        Assert.True(here.Ok);
        Assert.Contains("cloud 'there' not found; clouds defined: here", there.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_VerifyFalse_TurnsCertificateChecksOff()
    {
        var file = Write("clouds.yaml", "clouds:\n  c:\n    verify: false\n    auth: {auth_url: 'https://k', username: u, password: p, project_id: x}\n");

        var c = CloudConfigResolver.Resolve("c", Env(), [file]).Config!;

        Assert.Equal((false, (string?)null), (c.VerifyTls, c.CaCertFile));
    }

    [Fact]
    public void Resolve_VerifyAPath_IsTheCaBundle()
    {
        var bundle = Write("ca.pem", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        var file = Write("clouds.yaml", $"clouds:\n  c:\n    verify: {bundle}\n    auth: {{auth_url: 'https://k', username: u, password: p, project_id: x}}\n");

        var c = CloudConfigResolver.Resolve("c", Env(), [file]).Config!;

        Assert.Equal((true, bundle), (c.VerifyTls, c.CaCertFile));
    }

    [Fact]
    public void Resolve_CaCertMissing_SaysWhichFile()
    {
        var env = Env(("OS_AUTH_URL", "https://k"), ("OS_USERNAME", "u"), ("OS_PASSWORD", "p"), ("OS_PROJECT_ID", "x"), ("OS_CACERT", "/no/ca.pem"));

        var result = CloudConfigResolver.Resolve(null, env, []);

        Assert.Equal(["OS_* environment: OS_CACERT names '/no/ca.pem', which does not exist"], result.Errors);
    }
}
