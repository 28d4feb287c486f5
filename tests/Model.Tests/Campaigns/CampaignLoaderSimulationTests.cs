using Escalator.Model.Campaigns;
using Escalator.Model.Diagnostics;
using Escalator.Model.Tests.Diagnostics;

namespace Escalator.Model.Tests.Campaigns;

/// <summary>The optional simulation section: defaults key by key, every key read, and one diagnostic per bad value.</summary>
public sealed class CampaignLoaderSimulationTests
{
    private const string File = "campaign.yaml";

    /// <summary>A campaign without diagnostics, to which each test appends its simulation section.</summary>
    private const string Base = """
        name: c
        targets: {host-os: 2.0.0}
        components:
          - {name: host-os, impact: {rebootHost: true, evacuate: true}}
        stages:
          - {name: computes, scope: {roles: [compute]}, procedure: p, strategy: {rolling: {}}}
        procedures:
          p:
            - {action: upgrade, expected: 10m, timeout: 20m}
        """;

    [Fact]
    public void Parse_NoSimulationSection_Defaults()
    {
        var loaded = CampaignLoader.Parse(File, Base);

        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        Assert.Same(SimulationSettings.Default, loaded.Value!.Simulation);
    }

    [Fact]
    public void Parse_EmptySimulationSection_Defaults()
    {
        var loaded = CampaignLoader.Parse(File, Base + "\nsimulation: {durations: {}, liveMigration: {}, faults: {}}\n");

        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        Assert.Equal(SimulationSettings.Default, loaded.Value!.Simulation);
    }

    [Fact]
    public void Parse_EveryField_ReadAsWritten()
    {
        var text = Base + """

            simulation:
              durations: {distribution: gamma, cv: 0.3}
              migrationGiBps: 0.11
              liveMigration:
                maxDowntime: 300ms
                downtimeSteps: 5
                downtimeDelayPerGiB: 1m
                completionTimeoutPerGiB: 400s
                onNonConvergence: auto-converge
                maxConcurrentPerHost: 2
                resume: 50ms
              coldBoot: 45s
              faults: {stepFails: 0.01, hostNotBack: 0.005, migrationNoConvergence: 0.02, vnfmSilent: 1}
              upgradesPerYear: 12
              stateGiB: 40
              transferGiBps: 0.5
            """;

        var loaded = CampaignLoader.Parse(File, text);

        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        var expected = new SimulationSettings(
            new DurationSpread(DurationDistribution.Gamma, 0.3),
            0.11,
            new LiveMigrationSettings(0.3, 5, 60, 400, NonConvergence.AutoConverge, 2, 0.05),
            45,
            new FaultRates(0.01, 0.005, 0.02, 1),
            12, 40, 0.5);
        Assert.Equal(expected, loaded.Value!.Simulation);
    }

    [Theory]
    [InlineData("lognormal", DurationDistribution.LogNormal)]
    [InlineData("gamma", DurationDistribution.Gamma)]
    [InlineData("normal", DurationDistribution.Normal)]
    [InlineData("fixed", DurationDistribution.Fixed)]
    public void Parse_Distribution_EverySpellingRead(string spelling, DurationDistribution expected)
    {
        var loaded = CampaignLoader.Parse(File, Base + $"\nsimulation: {{durations: {{distribution: {spelling}}}}}\n");

        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        Assert.Equal(expected, loaded.Value!.Simulation.Durations.Distribution);
    }

    [Theory]
    [InlineData("abort", NonConvergence.Abort)]
    [InlineData("auto-converge", NonConvergence.AutoConverge)]
    [InlineData("post-copy", NonConvergence.PostCopy)]
    public void Parse_OnNonConvergence_EverySpellingRead(string spelling, NonConvergence expected)
    {
        var loaded = CampaignLoader.Parse(File, Base + $"\nsimulation: {{liveMigration: {{onNonConvergence: {spelling}}}}}\n");

        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        Assert.Equal(expected, loaded.Value!.Simulation.LiveMigration.OnNonConvergence);
    }

    [Fact]
    public void Parse_PartialSection_KeepsOtherDefaults()
    {
        var text = Base + """

            simulation:
              durations: {cv: 0}
              liveMigration: {maxDowntime: 300ms}
              faults: {hostNotBack: 0.002}
              stateGiB: 40
            """;

        var loaded = CampaignLoader.Parse(File, text);

        Assert.True(loaded.Ok, Expect.List(loaded.Diagnostics));
        var d = SimulationSettings.Default;
        var expected = d with
        {
            Durations = d.Durations with { Cv = 0 },
            LiveMigration = d.LiveMigration with { MaxDowntimeSeconds = 0.3 },
            Faults = d.Faults with { HostNotBack = 0.002 },
            StateGiB = 40,
        };
        Assert.Equal(expected, loaded.Value!.Simulation);
    }

    /// <summary>Each case: the section, the line that holds the bad value, the value, the code, the path and phrases of the message.</summary>
    public static TheoryData<string, string, string, string, string, string[]> BadValues => new()
    {
        { "durations: {distribution: weibull}", "distribution: weibull", "weibull", DiagnosticCodes.BadValue, "simulation.durations.distribution",
            ["expected one of lognormal, gamma, normal, fixed; found 'weibull'"] },
        { "durations: {distribution: logNormal}", "distribution: logNormal", "logNormal", DiagnosticCodes.BadValue, "simulation.durations.distribution",
            ["found 'logNormal'; did you mean 'lognormal'?"] },
        { "durations: {cv: -0.1}", "cv: -0.1", "-0.1", DiagnosticCodes.BadValue, "simulation.durations.cv",
            ["expected a coefficient of variation of at least 0", "found '-0.1'"] },
        { "durations: lognormal", "durations: lognormal", "lognormal", DiagnosticCodes.WrongType, "simulation.durations",
            ["expected a mapping; found 'lognormal'"] },
        { "migrationGiBps: 0", "migrationGiBps: 0", "0", DiagnosticCodes.BadValue, "simulation.migrationGiBps",
            ["expected a throughput above 0 GiB/s", "found '0'"] },
        { "migrationGiBps: 10GbE", "migrationGiBps: 10GbE", "10GbE", DiagnosticCodes.WrongType, "simulation.migrationGiBps",
            ["expected a number; found '10GbE'"] },
        { "liveMigration: {maxDowntime: 0s}", "maxDowntime: 0s", "0s", DiagnosticCodes.BadValue, "simulation.liveMigration.maxDowntime",
            ["expected a duration longer than 0s", "found '0s'"] },
        { "liveMigration: {maxDowntime: half}", "maxDowntime: half", "half", DiagnosticCodes.BadValue, "simulation.liveMigration.maxDowntime",
            ["expected a duration such as 500ms", "found 'half'"] },
        { "liveMigration: {downtimeSteps: 0}", "downtimeSteps: 0", "0", DiagnosticCodes.BadValue, "simulation.liveMigration.downtimeSteps",
            ["expected a value of at least 1; found 0"] },
        { "liveMigration: {downtimeSteps: 2.5}", "downtimeSteps: 2.5", "2.5", DiagnosticCodes.WrongType, "simulation.liveMigration.downtimeSteps",
            ["expected a whole number; found '2.5'"] },
        { "liveMigration: {downtimeDelayPerGiB: -75s}", "downtimeDelayPerGiB: -75s", "-75s", DiagnosticCodes.BadValue,
            "simulation.liveMigration.downtimeDelayPerGiB", ["expected a duration", "found '-75s'"] },
        { "liveMigration: {completionTimeoutPerGiB: soon}", "completionTimeoutPerGiB: soon", "soon", DiagnosticCodes.BadValue,
            "simulation.liveMigration.completionTimeoutPerGiB", ["expected a duration", "found 'soon'"] },
        { "liveMigration: {onNonConvergence: postcopy}", "onNonConvergence: postcopy", "postcopy", DiagnosticCodes.BadValue,
            "simulation.liveMigration.onNonConvergence", ["expected one of abort, auto-converge, post-copy; found 'postcopy'; did you mean 'post-copy'?"] },
        { "liveMigration: {maxConcurrentPerHost: 0}", "maxConcurrentPerHost: 0", "0", DiagnosticCodes.BadValue,
            "simulation.liveMigration.maxConcurrentPerHost", ["expected a value of at least 1; found 0"] },
        { "liveMigration: {resume: -20ms}", "resume: -20ms", "-20ms", DiagnosticCodes.BadValue, "simulation.liveMigration.resume",
            ["expected a duration", "found '-20ms'"] },
        { "coldBoot: a while", "coldBoot: a while", "a while", DiagnosticCodes.BadValue, "simulation.coldBoot",
            ["expected a duration", "found 'a while'"] },
        { "vnfmReply: 2s", "vnfmReply", "vnfmReply", DiagnosticCodes.UnknownKey, "simulation.vnfmReply",
            ["the key 'vnfmReply' is no longer read: a notify step's expected: says how long the VNF managers take to reply"] },
        { "faults: {stepFails: 1.5}", "stepFails: 1.5", "1.5", DiagnosticCodes.BadValue, "simulation.faults.stepFails",
            ["expected a probability between 0 and 1", "found '1.5'"] },
        { "faults: {hostNotBack: 5%}", "hostNotBack: 5%", "5%", DiagnosticCodes.WrongType, "simulation.faults.hostNotBack",
            ["expected a number; found '5%'"] },
        { "faults: {migrationNoConvergence: 2}", "migrationNoConvergence: 2", "2", DiagnosticCodes.BadValue,
            "simulation.faults.migrationNoConvergence", ["expected a probability between 0 and 1", "found '2'"] },
        { "faults: {vnfmSilent: -0.01}", "vnfmSilent: -0.01", "-0.01", DiagnosticCodes.BadValue, "simulation.faults.vnfmSilent",
            ["expected a probability between 0 and 1", "found '-0.01'"] },
        { "upgradesPerYear: 0", "upgradesPerYear: 0", "0", DiagnosticCodes.BadValue, "simulation.upgradesPerYear",
            ["expected a number of upgrades a year above 0", "found '0'"] },
        { "stateGiB: -40", "stateGiB: -40", "-40", DiagnosticCodes.BadValue, "simulation.stateGiB",
            ["expected a size above 0 GiB", "found '-40'"] },
        { "transferGiBps: 0.0", "transferGiBps: 0.0", "0.0", DiagnosticCodes.BadValue, "simulation.transferGiBps",
            ["expected a throughput above 0 GiB/s", "found '0.0'"] },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Parse_BadValue_OneDiagnosticAtTheValue(string section, string line, string value, string code, string path, string[] phrases)
    {
        var text = Base + $"\nsimulation:\n  {section}\n";

        var loaded = CampaignLoader.Parse(File, text);

        Assert.False(loaded.Ok);
        Assert.True(loaded.Diagnostics.Length == 1, Expect.List(loaded.Diagnostics));
        Expect.One(loaded.Diagnostics, code, path, ValueAt(text, line, value), phrases);
    }

    [Fact]
    public void Parse_ZeroCompletionTimeout_UnboundedWait()
    {
        var text = Base + """

            simulation:
              liveMigration:
                completionTimeoutPerGiB: 0s
            """;

        var loaded = CampaignLoader.Parse(File, text);

        Assert.True(loaded.Diagnostics.Length == 1, Expect.List(loaded.Diagnostics));
        Expect.One(loaded.Diagnostics, DiagnosticCodes.UnboundedWait, "simulation.liveMigration.completionTimeoutPerGiB",
            ValueAt(text, "completionTimeoutPerGiB: 0s", "0s"), "every wait must be bounded", "800s per GiB");
    }

    [Theory]
    [InlineData("  liveMigration: {maxDowntme: 300ms}", "maxDowntme", "simulation.liveMigration.maxDowntme", "did you mean 'maxDowntime'?")]
    [InlineData("  faults: {stepFail: 0.01}", "stepFail", "simulation.faults.stepFail", "did you mean 'stepFails'?")]
    [InlineData("  durations: {distrbution: gamma}", "distrbution", "simulation.durations.distrbution", "did you mean 'distribution'?")]
    [InlineData("  migrationGibps: 1.1", "migrationGibps", "simulation.migrationGibps", "did you mean 'migrationGiBps'?")]
    [InlineData("  transferGiBPS: 0.5", "transferGiBPS", "simulation.transferGiBPS", "did you mean 'transferGiBps'?")]
    public void Parse_MisspeltKey_UnknownKeyWithSuggestion(string entry, string key, string path, string suggestion)
    {
        var text = Base + $"\nsimulation:\n{entry}\n";

        var loaded = CampaignLoader.Parse(File, text);

        Assert.True(loaded.Diagnostics.Length == 1, Expect.List(loaded.Diagnostics));
        Expect.One(loaded.Diagnostics, DiagnosticCodes.UnknownKey, path, Expect.Where(File, text, key), $"unknown key '{key}'", suggestion);
    }

    [Fact]
    public void Parse_MisspeltSection_UnknownKeyAtTheRoot()
    {
        var text = Base + "\nsimulaton:\n  stateGiB: 40\n";

        var loaded = CampaignLoader.Parse(File, text);

        Expect.One(loaded.Diagnostics, DiagnosticCodes.UnknownKey, "simulaton", Expect.Where(File, text, "simulaton"),
            "unknown key 'simulaton'; did you mean 'simulation'?");
    }

    [Fact]
    public void Parse_ManyBadValues_AllReportedInFileOrder()
    {
        var text = Base + """

            simulation:
              durations: {distribution: uniform, cv: -1}
              liveMigration: {maxDowntime: 0s, completionTimeoutPerGiB: 0}
              faults: {stepFails: 1.01}
              transferGiBps: 0
            """;

        var loaded = CampaignLoader.Parse(File, text);

        var expected = new[]
        {
            (DiagnosticCodes.BadValue, "simulation.durations.distribution", ValueAt(text, "distribution: uniform", "uniform")),
            (DiagnosticCodes.BadValue, "simulation.durations.cv", ValueAt(text, "cv: -1", "-1")),
            (DiagnosticCodes.BadValue, "simulation.liveMigration.maxDowntime", ValueAt(text, "maxDowntime: 0s", "0s")),
            (DiagnosticCodes.UnboundedWait, "simulation.liveMigration.completionTimeoutPerGiB", ValueAt(text, "completionTimeoutPerGiB: 0", "0")),
            (DiagnosticCodes.BadValue, "simulation.faults.stepFails", ValueAt(text, "stepFails: 1.01", "1.01")),
            (DiagnosticCodes.BadValue, "simulation.transferGiBps", ValueAt(text, "transferGiBps: 0", "0")),
        };
        Assert.Equal(expected, loaded.Diagnostics.Select(d => (d.Code, d.Path, d.Location!.Value)));
    }

    /// <summary>Where <paramref name="value"/> starts within the only occurrence of <paramref name="entry"/>.</summary>
    private static SourceLocation ValueAt(string text, string entry, string value)
    {
        var at = Expect.Where(File, text, entry);
        return at with { Column = at.Column + entry.LastIndexOf(value, StringComparison.Ordinal) };
    }
}
