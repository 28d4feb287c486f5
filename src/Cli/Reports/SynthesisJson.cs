using System.Text.Json;
using System.Text.Json.Nodes;
using Escalator.Model.Plans;
using Escalator.Solver.Synthesis;

namespace Escalator.Cli.Reports;

/// <summary><c>plan --optimize --format json</c>: the plan's JSON (as <c>plan --format json</c>) with an
/// <c>optimization</c> object: expected and least possible time, whether proved optimal, per stage, and the verdict.</summary>
internal static class SynthesisJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(SynthesisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var root = result.Plan is null ? [] : JsonNode.Parse(PlanJson.Write(result.Plan))!.AsObject();
        root["optimization"] = new JsonObject
        {
            ["provedOptimal"] = result.ProvedOptimal,
            ["expectedSeconds"] = result.Plan is null ? null : Math.Round(result.Plan.ExpectedSeconds, 3),
            ["lowerBoundSeconds"] = Math.Round(result.LowerBoundSeconds, 3),
            ["verdict"] = result.Verification is null ? null : result.Verification.IsSafe ? "safe" : "unsafe",
            ["violations"] = result.Verification?.Violations.Length ?? 0,
            ["searchSeconds"] = Math.Round(result.Time.TotalSeconds, 3),
            ["noPlanReasons"] = new JsonArray([.. result.NoPlanReasons.Select(r => (JsonNode)r)]),
            ["stages"] = new JsonArray([.. result.Stages.Select(Stage)]),
        };
        return root.ToJsonString(Indented);
    }

    private static JsonNode Stage(StageSynthesis s) => new JsonObject
    {
        ["stage"] = s.Stage,
        ["synthesised"] = s.Synthesised,
        ["waves"] = s.Waves,
        ["fewestWaves"] = s.LowerBound,
        ["expectedSeconds"] = Math.Round(s.Seconds, 3),
        ["lowerBoundSeconds"] = Math.Round(s.LowerBoundSeconds, 3),
        ["provedBy"] = s.Proof switch { Proof.Bounds => "counting", Proof.Z3 => "z3", _ => null },
    };
}
