using System.Text;
using Escalator.Model.Plans;
using Escalator.Model.Yaml;

namespace Escalator.Cli;

/// <summary>Renders a plan as aligned text for people: stages, then each wave with its steps grouped by target.</summary>
internal static class PlanTable
{
    public static string Render(Plan plan)
    {
        var text = new StringBuilder();
        text.AppendLine($"Plan for campaign '{plan.Campaign}' on topology '{plan.Topology}': {plan.Waves.Length} wave(s), expected {Human(plan.ExpectedSeconds)}");
        text.AppendLine();
        foreach (var s in plan.Stages)
        {
            var waves = s.FirstWave > s.LastWave ? "no waves" : s.FirstWave == s.LastWave ? $"wave {s.FirstWave}" : $"waves {s.FirstWave}-{s.LastWave}";
            var upToDate = s.UpToDate.IsEmpty ? "" : $"; already at target: {string.Join(", ", s.UpToDate)}";
            text.AppendLine($"Stage {s.Name} ({s.Strategy}, {string.Join(", ", s.Components)}): {s.Hosts.Length} host(s), {waves}{upToDate}");
        }
        foreach (var wave in plan.Waves)
        {
            text.AppendLine();
            var hosts = wave.Hosts.IsEmpty ? "" : $" | out: {string.Join(", ", wave.Hosts)}";
            var soak = wave.SoakSeconds > 0 ? $" | then soak {Human(wave.SoakSeconds)}" : "";
            var gate = wave.GateChecks.IsEmpty ? "" : $", gate on {string.Join(", ", wave.GateChecks)}";
            text.AppendLine($"Wave {wave.Number} | {wave.Stage} | {PlanJson.Kebab(wave.Kind)}{hosts} | expected {Human(wave.ExpectedSeconds)}{soak}{gate}");
            var targetWidth = wave.Steps.Select(s => s.Target.Length).DefaultIfEmpty(0).Max();
            var actionWidth = wave.Steps.Select(s => PlanJson.Kebab(s.Action).Length).DefaultIfEmpty(0).Max();
            string? previous = null;
            foreach (var step in wave.Steps)
            {
                var target = step.Target == previous ? "" : step.Target;
                previous = step.Target;
                var lead = step.LeadSeconds > step.ExpectedSeconds ? $", lasting the {Human(step.LeadSeconds)} lead time" : "";
                var timing = $"{Human(step.ExpectedSeconds)} (timeout {Human(step.TimeoutSeconds)}, then {PlanJson.Kebab(step.OnTimeout)}{lead})";
                text.Append($"  {target.PadRight(targetWidth)}  {PlanJson.Kebab(step.Action).PadRight(actionWidth)}  {step.Detail}  {timing}");
                if (!step.Unavailable.IsEmpty)
                {
                    text.Append($"  [unavailable: {string.Join(", ", step.Unavailable.Select(u => $"{u.Instance} ({PlanJson.Kebab(u.Reason)})"))}]");
                }
                if (!step.Services.IsEmpty)
                {
                    text.Append($"  [down: {string.Join(", ", step.Services.Select(o => $"{o.Service}@{o.Member}"))}]");
                }
                text.AppendLine();
            }
        }
        if (!plan.Notes.IsEmpty)
        {
            text.AppendLine();
            text.AppendLine("Notes (the solver judges safety; these are what expansion could not arrange):");
            foreach (var n in plan.Notes) text.AppendLine($"  wave {n.Wave}: {n.Code}: {n.Message}");
        }
        return text.ToString();
    }

    /// <summary>A duration rounded to whole seconds (or milliseconds below a second), such as 1h12m5s.</summary>
    public static string Human(double seconds) =>
        Durations.Format(seconds >= 1 ? Math.Round(seconds) : Math.Round(seconds, 3));
}
