using Escalator.Model.Diagnostics;

namespace Escalator.Model.Campaigns;

public static partial class CampaignLoader
{
    private sealed partial class Reader
    {
        private void CheckReferences(Campaign campaign)
        {
            var components = campaign.Components.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var target in _targetNames.Where(t => !components.Contains(t)))
            {
                file.ErrorAt(DiagnosticCodes.UnknownReference,
                    $"the target '{target}' has no entry under components; describe it there (its upgrade impact, what it talks to){Suggestions.Hint(target, components)}",
                    $"targets.{target}");
            }
            for (var i = 0; i < campaign.Components.Length; i++)
            {
                var component = campaign.Components[i];
                Refs(component.DependsOn, components, $"components[{i}].dependsOn", "component");
                for (var j = 0; j < component.TalksTo.Length; j++)
                {
                    Ref(component.TalksTo[j].Peer, components, $"components[{i}].talksTo[{j}].component", "component");
                }
            }
            var checks = campaign.Checks.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var procedures = campaign.Procedures.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var stages = campaign.Stages.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            var targets = _targetNames;
            for (var i = 0; i < campaign.Stages.Length; i++)
            {
                var stage = campaign.Stages[i];
                var path = $"stages[{i}]";
                Refs(stage.After, stages, $"{path}.after", "stage");
                Refs(stage.Components, targets, $"{path}.components", "target component");
                Ref(stage.Procedure, procedures, $"{path}.procedure", "procedure");
                if (stage.Strategy is CanaryStrategy canary)
                {
                    Refs(canary.HealthChecks, checks, $"{path}.strategy.canary.healthChecks", "check");
                }
            }
            foreach (var procedure in campaign.Procedures)
            {
                for (var j = 0; j < procedure.Steps.Length; j++)
                {
                    Refs(procedure.Steps[j].Checks, checks, $"procedures.{procedure.Name}[{j}].checks", "check");
                }
            }
            CheckCycles(campaign);
        }

        private void CheckCycles(Campaign campaign)
        {
            // A repeated stage name is reported where it is read; here its edges join those of the first stage so named.
            var edges = campaign.Stages.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key,
                g => g.SelectMany(s => s.After).Where(a => campaign.Stages.Any(t => t.Name == a)).ToList(), StringComparer.Ordinal);
            if (StageOrder.FindCycle(edges) is { } cycle)
            {
                var index = campaign.Stages.ToList().FindIndex(s => s.Name == cycle[0]);
                file.ErrorAt(DiagnosticCodes.StageCycle,
                    $"the stages depend on each other in a cycle: {string.Join(" → ", cycle)} → {cycle[0]} (each waits for the next to finish)",
                    $"stages[{index}].after");
            }
        }

        private void Refs(IEnumerable<string> names, HashSet<string> known, string path, string kind)
        {
            var list = names.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                Ref(list[i], known, list.Count == 1 && file.Sources.Locate($"{path}[0]") is null ? path : $"{path}[{i}]", kind);
            }
        }

        private void Ref(string name, HashSet<string> known, string path, string kind)
        {
            if (name.Length > 0 && !known.Contains(name))
            {
                file.ErrorAt(DiagnosticCodes.UnknownReference,
                    $"no {kind} is named '{name}'{Suggestions.Hint(name, known)}{(known.Count is > 0 and <= 12 ? $" (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})" : "")}",
                    path);
            }
        }
    }
}
