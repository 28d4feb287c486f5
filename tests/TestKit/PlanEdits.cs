using System.Collections.Immutable;
using Escalator.Model.Plans;
using Escalator.Model.Topology;

namespace Escalator.TestKit;

/// <summary>Hand edits of a plan that expansion never makes: what a planner might do to a plan file, and what the
/// verifier must catch. Waves are renumbered and stage spans recomputed after each edit.</summary>
public static class PlanEdits
{
    /// <summary>Wave <paramref name="b"/> merged into wave <paramref name="a"/> (its hosts and steps appended).</summary>
    public static Plan Merge(Plan plan, int a, int b)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(a, b);
        var first = plan.Waves[a - 1];
        var second = plan.Waves[b - 1];
        var merged = first with
        {
            Hosts = first.Hosts.AddRange(second.Hosts),
            Steps = first.Steps.AddRange(second.Steps),
            SoakSeconds = Math.Max(first.SoakSeconds, second.SoakSeconds),
        };
        var waves = plan.Waves.Select(w => w.Number == a ? merged : w).Where(w => w.Number != b);
        return Renumber(plan, waves);
    }

    /// <summary>The plan with its waves regrouped by stage in <paramref name="stages"/> order (each stage's waves kept in order).</summary>
    public static Plan Reorder(Plan plan, params string[] stages) =>
        Renumber(plan, stages.SelectMany(s => plan.Waves.Where(w => w.Stage == s)));

    /// <summary>The plan with one step's timeout replaced.</summary>
    public static Plan WithTimeout(Plan plan, int wave, int step, double timeoutSeconds)
    {
        var w = plan.Waves[wave - 1];
        var edited = w with { Steps = w.Steps.SetItem(step, w.Steps[step] with { TimeoutSeconds = timeoutSeconds }) };
        return plan with { Waves = plan.Waves.SetItem(wave - 1, edited) };
    }

    /// <summary>The plan with the destination of <paramref name="instance"/>'s move replaced (null: no destination).</summary>
    public static Plan WithDestination(Plan plan, string instance, string? to)
    {
        var id = new InstanceId(instance);
        Move Edit(Move m) => m.Instance == id ? m with { To = to is null ? null : new HostId(to) } : m;
        var waves = plan.Waves.Select(w => w with { Steps = [.. w.Steps.Select(s => s with { Moves = [.. s.Moves.Select(Edit)] })] });
        return plan with { Waves = [.. waves] };
    }

    private static Plan Renumber(Plan plan, IEnumerable<Wave> waves)
    {
        var numbered = waves.Select((w, i) => w with { Number = i + 1 }).ToImmutableArray();
        var stages = plan.Stages.Select(s =>
        {
            var mine = numbered.Where(w => w.Stage == s.Name).Select(w => w.Number).ToList();
            return mine.Count == 0 ? s : s with { FirstWave = mine.Min(), LastWave = mine.Max() };
        });
        return plan with { Waves = numbered, Stages = [.. stages] };
    }
}
