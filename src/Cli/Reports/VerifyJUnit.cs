using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Escalator.Solver.Invariants;
using Escalator.Solver.Pipeline;

namespace Escalator.Cli.Reports;

/// <summary>The verdict for CI test reports (GitLab, Jenkins): JUnit XML with one test case per invariant.</summary>
/// <remarks>Every invariant of <see cref="Invariant.All"/> is a test case, in that order, even when the campaign gave it
/// nothing to check; a broken one carries one failure listing each violation with its file and line. An unknown
/// verdict proves nothing, so it is a single test case in error rather than thirteen passes. The suite's time is the
/// solver's, in seconds.</remarks>
internal static class VerifyJUnit
{
    public static string Write(VerifyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var r = report.Result;
        var cases = r.Verdict is Verdict.Unknown unknown ? [UnknownCase(unknown)] : Invariant.All.Select(i => InvariantCase(report, i)).ToList();
        var failures = cases.Count(c => c.Element("failure") is not null);
        var errors = cases.Count(c => c.Element("error") is not null);
        var time = r.SolveTime.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
        var suite = new XElement("testsuite",
            new XAttribute("name", $"escalator verify {(report.CampaignFile.Length > 0 ? report.CampaignFile : report.Campaign.Name)}"),
            Counts(cases.Count, failures, errors),
            new XAttribute("skipped", 0),
            new XAttribute("time", time),
            Properties(report),
            cases,
            r.Redirects.IsEmpty ? null : new XElement("system-out", string.Join('\n', r.Redirects.Select(Describe))));
        var document = new XDocument(new XElement("testsuites",
            new XAttribute("name", "escalator verify"),
            Counts(cases.Count, failures, errors),
            new XAttribute("time", time),
            suite));
        return Serialise(document);
    }

    private static XAttribute[] Counts(int tests, int failures, int errors) =>
        [new("tests", tests), new("failures", failures), new("errors", errors)];

    private static XElement Properties(VerifyReport report) => new("properties",
        Property("campaign", report.Campaign.Name),
        Property("topology", report.Topology.Name),
        Property("verdict", report.VerdictWord.ToLowerInvariant()),
        Property("waves", report.Plan.Waves.Length.ToString(CultureInfo.InvariantCulture)));

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

    private static XElement InvariantCase(VerifyReport report, Invariant invariant)
    {
        var violations = report.Result.Violations.Where(v => v.Code == invariant.Code).ToList();
        var checkedCount = report.Result.Checked.GetValueOrDefault(invariant.Code);
        var testCase = Case(invariant.Code, $"{invariant.Code} {invariant.Title}");
        if (violations.Count > 0)
        {
            testCase.Add(new XElement("failure",
                new XAttribute("message", $"{violations.Count} violation(s) of {invariant.Title} in {checkedCount} checked instance(s)"),
                new XAttribute("type", invariant.Code),
                string.Join('\n', violations.Select(v => Describe(report, v)))));
        }
        // Warnings about the data centre (ESC-T0) do not fail the plan: they are said, not counted.
        var warnings = report.Result.Warnings.Where(v => v.Code == invariant.Code).Select(v => $"\nwarning: {v.Message}");
        testCase.Add(new XElement("system-out", $"checked {checkedCount} instance(s){string.Concat(warnings)}"));
        return testCase;
    }

    private static XElement UnknownCase(Verdict.Unknown unknown)
    {
        var testCase = Case("verdict", "verdict");
        testCase.Add(new XElement("error",
            new XAttribute("message", $"the solver could not decide whether the plan is safe: {unknown.Reason}"),
            new XAttribute("type", "UNKNOWN"),
            unknown.Reason));
        return testCase;
    }

    private static XElement Case(string suffix, string name) =>
        new("testcase", new XAttribute("classname", $"escalator.{suffix}"), new XAttribute("name", name));

    /// <summary>One line per violation, <c>file:line:column: wave N: message</c>, as compilers print them so CI logs link them.</summary>
    private static string Describe(VerifyReport report, Violation v)
    {
        var text = v.Wave > 0 ? $"wave {v.Wave}: {v.Message}" : v.Message;
        return report.Locate(v) is { } at ? $"{at}: {text}" : text;
    }

    private static string Describe(Redirect redirect)
    {
        var instead = redirect.Planned is { } p ? $" instead of {p}" : " (the plan had no destination)";
        return $"wave {redirect.Wave}: the solver sends {redirect.Instance} ({redirect.Vnf}) from {redirect.From} to {redirect.To}{instead}";
    }

    private static string Serialise(XDocument document)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            NewLineChars = "\n",
        };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            document.Save(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
