using Escalator.Model.Access;
using Escalator.Model.Diagnostics;
using Escalator.Model.Tests.Diagnostics;

namespace Escalator.Model.Tests.Access;

public sealed class ApiKeysLoaderTests
{
    private const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public void Parse_TwoKeys_NamesHashesRolesAndProjects()
    {
        var text = $$"""
            keys:
              - name: ops
                sha256: {{Hash.ToUpperInvariant()}}
                roles: [admin]
              - {name: vnfm, sha256: {{Hash.Replace('9', '8')}}, roles: member, project: functest}
            """;

        var loaded = ApiKeysLoader.Parse("keys.yaml", text);

        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        Assert.Equal(["ops admin -", "vnfm member functest"], loaded.Value!.Keys.Select(k => $"{k.Name} {string.Join(",", k.Roles)} {k.Project ?? "-"}"));
        Assert.Equal(Convert.FromHexString(Hash), loaded.Value.Keys[0].Sha256.ToArray());
    }

    [Fact]
    public void Parse_BadHashMissingRolesUnknownKey_EveryProblemWithItsPlace()
    {
        const string text = """
            keys:
              - name: ops
                sha256: my-secret-key
                rolez: [admin]
            """;

        var diagnostics = ApiKeysLoader.Parse("keys.yaml", text).Diagnostics;

        Assert.Equal(3, diagnostics.Length);
        var bad = Expect.One(diagnostics, DiagnosticCodes.BadValue, "keys[0].sha256", Expect.Where("keys.yaml", text, "my-secret-key"),
            "64 hexadecimal digits", "found 13 characters, not all hexadecimal");
        Assert.DoesNotContain("my-secret-key", bad.Message, StringComparison.Ordinal);
        Expect.One(diagnostics, DiagnosticCodes.UnknownKey, "keys[0].rolez", Expect.Where("keys.yaml", text, "rolez"), "did you mean 'roles'?");
        Expect.One(diagnostics, DiagnosticCodes.MissingKey, "keys[0].roles", Expect.Where("keys.yaml", text, "name: ops"), "'roles' is required");
    }

    [Fact]
    public void Parse_SameNameOrSameKeyTwice_PointsAtTheFirst()
    {
        var text = $$"""
            keys:
              - {name: ops, sha256: {{Hash}}, roles: [admin]}
              - {name: ops, sha256: {{Hash}}, roles: [reader]}
            """;

        var diagnostics = ApiKeysLoader.Parse("keys.yaml", text).Diagnostics;

        Assert.Equal(2, diagnostics.Count(d => d.Code == DiagnosticCodes.DuplicateName));
        Assert.All(diagnostics, d => Assert.Contains("is defined twice; the first is at keys.yaml:2:", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NoKeys_SaysOneIsNeeded()
    {
        var diagnostics = ApiKeysLoader.Parse("keys.yaml", "keys: []\n").Diagnostics;

        Expect.One(diagnostics, DiagnosticCodes.BadValue, "keys", new SourceLocation("keys.yaml", 1, 7), "at least one key");
    }
}
