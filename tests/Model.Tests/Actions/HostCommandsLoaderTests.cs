using Escalator.Model.Actions;
using Escalator.Model.Diagnostics;
using Escalator.Model.Tests.Diagnostics;

namespace Escalator.Model.Tests.Actions;

public sealed class HostCommandsLoaderTests
{
    private const string File = "/srv/upgrade/actions.yaml";

    [Fact]
    public void Parse_GoodFile_TemplatesWorkdirAndEnvironment()
    {
        const string text = """
            upgrade: ansible-playbook -i inventory upgrade.yml --limit {host} -e "{components}"
            verify: ./check-host.sh {host} {campaign} {wave} {action}
            rollback: ansible-playbook -i inventory downgrade.yml --limit {host}
            workdir: /opt/playbooks
            env: { ANSIBLE_FORCE_COLOR: "0", REGION: one }
            """;

        var loaded = HostCommandsLoader.Parse(File, text);

        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        var commands = loaded.Value!;
        Assert.Equal(["rollback", "upgrade", "verify"], commands.Commands.Keys);
        Assert.Equal("./check-host.sh {host} {campaign} {wave} {action}", commands.For("verify"));
        Assert.Null(commands.For("backup"));
        Assert.Equal("/opt/playbooks", commands.WorkingDirectory);
        Assert.Equal(new Dictionary<string, string> { ["ANSIBLE_FORCE_COLOR"] = "0", ["REGION"] = "one" }, commands.Environment);
    }

    [Fact]
    public void Parse_EveryAction_AllAccepted()
    {
        var text = string.Join("\n", HostCommands.Actions.Select(a => $"{a}: run-{a} {{host}}"));

        var loaded = HostCommandsLoader.Parse(File, text);

        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        Assert.Equal(HostCommands.Actions.Order(StringComparer.Ordinal), loaded.Value!.Commands.Keys);
        Assert.All(HostCommands.Actions, a => Assert.Equal($"run-{a} {{host}}", loaded.Value.For(a)));
    }

    [Fact]
    public void Parse_NoWorkdir_TheFilesFolder()
    {
        var loaded = HostCommandsLoader.Parse(File, "upgrade: make\n");

        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        Assert.Equal("/srv/upgrade", loaded.Value!.WorkingDirectory);
        Assert.Empty(loaded.Value.Environment);
    }

    [Theory]
    [InlineData("playbooks", "/srv/upgrade/playbooks")]
    [InlineData("../shared/./bin", "/srv/shared/bin")]
    [InlineData("/var/lib/escalator", "/var/lib/escalator")]
    public void Parse_Workdir_RelativeToTheFilesFolder(string workdir, string expected)
    {
        var loaded = HostCommandsLoader.Parse(File, $"upgrade: make\nworkdir: {workdir}\n");

        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        Assert.Equal(expected, loaded.Value!.WorkingDirectory);
    }

    [Fact]
    public void LoadFile_RelativeWorkdir_FromTheFilesOwnFolderNotTheCurrentOne()
    {
        var dir = Directory.CreateTempSubdirectory("escalator-actions-").FullName;
        try
        {
            var path = Path.Combine(dir, "actions.yaml");
            System.IO.File.WriteAllText(path, "upgrade: ./up.sh {host}\nworkdir: scripts\n");

            var loaded = HostCommandsLoader.LoadFile(path);

            Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
            Assert.Equal(Path.Combine(dir, "scripts"), loaded.Value!.WorkingDirectory);
            Assert.Equal("./up.sh {host}", loaded.Value.For("upgrade"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void LoadFile_Missing_SaysWhichFileAndWhy()
    {
        var path = Path.Combine(Path.GetTempPath(), "escalator-no-such-dir", "actions.yaml");

        var loaded = HostCommandsLoader.LoadFile(path);

        Assert.False(loaded.Ok);
        var d = Assert.Single(loaded.Diagnostics);
        Assert.Equal((DiagnosticCodes.FileNotFound, Severity.Error), (d.Code, d.Severity));
        Assert.Equal($"cannot read the file '{path}': it does not exist", d.Message);
    }

    [Fact]
    public void Parse_UnknownKey_NamesItWithTheNearestAction()
    {
        const string text = "upgrade: make\nverfy: make check\n";

        var loaded = HostCommandsLoader.Parse(File, text);

        Assert.False(loaded.Ok);
        var d = Expect.One(loaded.Diagnostics, DiagnosticCodes.UnknownKey, "verfy", Expect.Where(File, text, "verfy"),
            "unknown key 'verfy'", "did you mean 'verify'?", "expected one of");
        Assert.Contains("workdir", d.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{File}:2:1: error {DiagnosticCodes.UnknownKey}: verfy: ", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownPlaceholder_NamesTheActionWithTheNearestPlaceholder()
    {
        const string text = "backup: make\nupgrade: ./up.sh --limit {hots} {components}\n";

        var loaded = HostCommandsLoader.Parse(File, text);

        Assert.False(loaded.Ok);
        Expect.One(loaded.Diagnostics, DiagnosticCodes.BadValue, "upgrade", Expect.Where(File, text, "./up.sh"),
            "unknown placeholder {hots}", "did you mean 'host'?", "expected one of {host}, {components}, {campaign}, {wave}, {action}");
    }

    [Fact]
    public void Parse_TwoUnknownPlaceholders_BothReported()
    {
        const string text = "upgrade: run {target} {wav}\n";

        var diagnostics = HostCommandsLoader.Parse(File, text).Diagnostics;

        Assert.Equal(2, diagnostics.Length);
        Assert.Contains(diagnostics, d => d.Message.StartsWith("unknown placeholder {target} (expected", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Message.StartsWith("unknown placeholder {wav}; did you mean 'wave'?", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("echo ${HOME} {host}")]
    [InlineData("echo \"${ESCALATOR_HOST}\"")]
    [InlineData("awk '{print $1}' hosts | grep -x {host}")]
    [InlineData("for i in {1..3}; do ping -c1 {host}; done")]
    [InlineData("jq -n '{}'")]
    [InlineData("echo { unclosed")]
    public void Parse_BracesThatAreShellSyntax_NotPlaceholders(string template)
    {
        var loaded = HostCommandsLoader.Parse(File, $"upgrade: '{template.Replace("'", "''", StringComparison.Ordinal)}'\n");

        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        Assert.Equal(template, loaded.Value!.For("upgrade"));
    }

    [Theory]
    [InlineData("upgrade: \"\"\n")]
    [InlineData("upgrade: '   '\n")]
    public void Parse_EmptyCommand_SaysACommandIsExpected(string text)
    {
        var loaded = HostCommandsLoader.Parse(File, text);

        Assert.False(loaded.Ok);
        var d = Expect.One(loaded.Diagnostics, DiagnosticCodes.BadValue, "upgrade", new SourceLocation(File, 1, 10),
            "expected a command for upgrade; found an empty string");
        Assert.Single(loaded.Diagnostics);
        Assert.NotNull(d.Location);
    }

    [Theory]
    [InlineData("workdir: /tmp\n")]
    [InlineData("env: {A: b}\n")]
    [InlineData("upgrade:\nverify: ~\n")]
    public void Parse_NoCommandAtAll_SaysWhichActionsCanBeGiven(string text)
    {
        var loaded = HostCommandsLoader.Parse(File, text);

        Assert.False(loaded.Ok);
        Expect.One(loaded.Diagnostics, DiagnosticCodes.MissingKey, "", new SourceLocation(File, 1, 1),
            "expected at least one command, for one of backup, upgrade, verify, rollback, restore, build, transfer, cutover, retire; found none");
    }

    [Fact]
    public void Parse_CommandIsAList_WrongTypeAtTheValue()
    {
        const string text = "upgrade: [make, install]\n";

        var loaded = HostCommandsLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.WrongType, "upgrade", Expect.Where(File, text, "["), "expected a string; found a list");
    }

    [Fact]
    public void Parse_EnvNotAMap_WrongType()
    {
        const string text = "upgrade: make\nenv: [A=b]\n";

        var loaded = HostCommandsLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.WrongType, "env", Expect.Where(File, text, "[A=b]"), "expected a mapping; found a list");
    }

    [Fact]
    public void Parse_EnvValueNotAString_NamesTheVariable()
    {
        const string text = "upgrade: make\nenv:\n  OK: yes\n  BAD: {nested: map}\n";

        var loaded = HostCommandsLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.WrongType, "env.BAD", Expect.Where(File, text, "{nested"), "expected a string; found a mapping");
    }

    [Theory]
    [InlineData("upgrade: [unclosed\n", DiagnosticCodes.Syntax, "the file is not valid YAML")]
    [InlineData("just words", DiagnosticCodes.WrongType, "expected a mapping at the top of the file; found 'just words'")]
    [InlineData("- upgrade: make\n", DiagnosticCodes.WrongType, "expected a mapping at the top of the file; found a list")]
    [InlineData("", DiagnosticCodes.MissingKey, "the file is empty; expected a mapping with the keys backup, upgrade")]
    public void Parse_NotAMappingOfCommands_OneErrorNoValue(string text, string code, string phrase)
    {
        var loaded = HostCommandsLoader.Parse(File, text);

        Assert.Null(loaded.Value);
        var d = Assert.Single(loaded.Diagnostics);
        Assert.Equal(code, d.Code);
        Assert.Equal(File, d.Location?.File);
        Assert.Contains(phrase, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateAction_Reported()
    {
        const string text = "upgrade: a\nupgrade: b\n";

        var loaded = HostCommandsLoader.Parse(File, text);

        Assert.False(loaded.Ok);
        Assert.Contains(loaded.Diagnostics, d => d.Code == DiagnosticCodes.DuplicateKey);
    }

    [Fact]
    public void Parse_SeveralProblems_AllReportedTogetherInLineOrder()
    {
        const string text = """
            upgrade: ./up.sh {hots}
            verify: ""
            wrkdir: /tmp
            """;

        var diagnostics = HostCommandsLoader.Parse(File, text).Diagnostics;

        Assert.Equal([(1, DiagnosticCodes.BadValue), (2, DiagnosticCodes.BadValue), (3, DiagnosticCodes.UnknownKey)],
            diagnostics.Select(d => (d.Location!.Value.Line, d.Code)));
        Assert.Contains("did you mean 'workdir'?", diagnostics[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WorkdirWithANulCharacter_DiagnosticNotException()
    {
        const string text = "upgrade: make\nworkdir: \"bad\\0dir\"\n";

        var loaded = HostCommandsLoader.Parse(File, text);

        Assert.False(loaded.Ok);
        Expect.One(loaded.Diagnostics, DiagnosticCodes.BadValue, "workdir", Expect.Where(File, text, "\"bad"), "expected a folder");
    }

    [Theory]
    [MemberData(nameof(LoaderRobustnessTests.Garbage), MemberType = typeof(LoaderRobustnessTests))]
    public void Parse_Garbage_DiagnosticsNotExceptions(string name, string text)
    {
        var loaded = HostCommandsLoader.Parse(File, text);

        Assert.False(loaded.Ok, name);
        Assert.Contains(loaded.Diagnostics, d => d.Severity == Severity.Error);
    }
}
