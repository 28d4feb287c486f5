using System.CommandLine;
using Escalator.Cli.Reports;
using Escalator.Model.Pipeline;
using Escalator.Solver.Invariants;
using Escalator.Solver.Pipeline;
using Escalator.Solver.Reports;
using Escalator.Solver.Verification;

namespace Escalator.Cli.Commands;

/// <summary><c>escalator verify TOPOLOGY CAMPAIGN [--format text|json|sarif|junit] [--emit-smt2 FILE] [--timeout T]
/// [--confidence P] [--tolerate K]</c>: proves the campaign's plan safe (exit 0) or lists every violation (exit 1).</summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = Arguments.Files();
        var format = new Option<string>("--format")
        {
            Description = "text for people (default), json for machines, sarif for code scanning, junit for CI test reports",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "sarif", "junit");
        var smt2 = new Option<string?>("--emit-smt2")
        {
            Description = "write the verification condition as SMT-LIB 2 to FILE (satisfiable exactly when the plan is safe)",
            HelpName = "FILE",
        };
        var timeout = Arguments.Timeout();
        var confidence = Arguments.Confidence();
        var tolerate = Arguments.Tolerate("also prove that");
        var command = new Command("verify", "Prove that a campaign's plan keeps every invariant, or show where it breaks one.")
        {
            files,
            format,
            smt2,
            timeout,
            confidence,
            tolerate,
        };
        command.SetAction(parse =>
        {
            var inputs = CampaignInputs.Load(parse.GetValue(files)!, campaignRequired: true);
            var code = inputs.Report(stderr);
            if (code != ExitCodes.Ok) return code;
            if (Arguments.ParseTimeout(parse.GetValue(timeout), stderr) is not { } limit) return ExitCodes.BadInput;
            if (Arguments.ParseConfidence(parse.GetValue(confidence), stderr) is not { } quantile) return ExitCodes.BadInput;
            if (!Arguments.TryParseTolerate(parse.GetValue(tolerate), stderr, out var resilience)) return ExitCodes.BadInput;
            var smt2File = parse.GetValue(smt2);
            var report = CampaignVerifier.Verify(inputs.Expand(), new VerifyOptions(limit, EmitSmt2: smt2File is not null, Confidence: quantile, Resilience: resilience));
            var result = report.Result;
            if (smt2File is not null && !Arguments.TryWrite(smt2File, result.Smt2!, stderr)) return ExitCodes.BadInput;
            stdout.Write(parse.GetValue(format) switch
            {
                "json" => VerifyJson.Write(report),
                "sarif" => VerifySarif.Write(report),
                "junit" => VerifyJUnit.Write(report),
                _ => VerifyText.Write(report),
            });
            return result.Verdict switch
            {
                Verdict.Safe => ExitCodes.Ok,
                Verdict.Unsafe => ExitCodes.Unsafe,
                _ => ExitCodes.Unknown,
            };
        });
        return command;
    }
}
