using System.Globalization;
using System.Text.RegularExpressions;
using Escalator.LiveBackend.Execution;
using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Simulator.Runs;

namespace Escalator.Agreement.Tests;

/// <summary>One step (or one move) that ended well, as either engine performed it: its target, what it did, and when, in
/// seconds from the campaign's start.</summary>
internal sealed record Performed(string Target, string Subject, double Start, double End)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Target}: {Subject} [{Start:0.###} s, {End:0.###} s]");
}

/// <summary>What one engine's fault-free run did, in the terms both engines share: the steps and moves that ended well, where
/// each moved VM ended, each instance's interrupted seconds and the run's end.</summary>
internal sealed partial record StepTrace(IReadOnlyList<Performed> Steps, IReadOnlyDictionary<string, string> Moved,
    IReadOnlyDictionary<string, double> Downtime, double End)
{
    /// <summary>A move's subject: the VM, whatever mode it took and wherever it went (the destinations compare apart).</summary>
    private static string Move(string instance) => $"move {instance}";

    /// <summary>The simulator's traced run: its step bars (an attempt that did not end well is labelled so) and migration bars
    /// (<c>live-migrate X to H …</c>, <c>…: aborted</c>).</summary>
    public static StepTrace Of(RunResult run, PlanSimulator simulator)
    {
        var timeline = run.Timeline ?? throw new ArgumentException("the run was not traced", nameof(run));
        var steps = new List<Performed>();
        var moved = new Dictionary<string, string>(StringComparer.Ordinal);
        // A rollback's moves are no plan step's: the executor logs the host's rollback, not each move (their effect shows
        // in the placement, the interruptions and the end).
        var rollback = run.DurationSeconds - run.RollbackSeconds;
        foreach (var e in timeline.Entries.OrderBy(e => e.End))
        {
            var planned = run.RollbackSeconds == 0 || e.Start < rollback;
            if (planned && e.Category == TimelineCategory.Step && !NotOk().IsMatch(e.Label)) steps.Add(new Performed(e.Lane, e.Label, e.Start, e.End));
            if (e.Category == TimelineCategory.Migration && !e.Label.EndsWith(": aborted", StringComparison.Ordinal))
            {
                var m = Migration().Match(e.Label);
                if (planned) steps.Add(new Performed(e.Lane, Move(m.Groups["vm"].Value), e.Start, e.End));
                moved[m.Groups["vm"].Value] = m.Groups["to"].Value;
            }
        }
        var instances = simulator.DataCentre.Vnfs.SelectMany(v => v.Instances).Select(i => i.Id.Name).ToList();
        var downtime = instances.Zip(run.InstanceDowntime).Where(p => p.Second > 0).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        return new StepTrace(steps, moved, downtime, run.DurationSeconds);
    }

    /// <summary>The waves a traced run performed in full before any step or migration of it failed or expired (all of a
    /// completed run without one; a run that stopped for a failure the timeline does not show, such as a VM with nowhere to
    /// go, all but its last wave).</summary>
    public static int WavesBeforeAFailure(RunResult run)
    {
        var timeline = run.Timeline ?? throw new ArgumentException("the run was not traced", nameof(run));
        var failed = timeline.Entries
            .Where(e => (e.Category == TimelineCategory.Step && NotOk().IsMatch(e.Label))
                || (e.Category == TimelineCategory.Migration && e.Label.EndsWith(": aborted", StringComparison.Ordinal)))
            .Select(e => e.Start).DefaultIfEmpty(double.PositiveInfinity).Min();
        var last = timeline.Waves.Select(w => w.Wave).DefaultIfEmpty(0).Max();
        if (double.IsPositiveInfinity(failed)) return run.Outcome == RunOutcome.Completed ? last : last - 1;
        return timeline.Waves.Where(w => w.End <= failed).Select(w => w.Wave).DefaultIfEmpty(0).Max();
    }

    /// <summary>The executor's run on the simulated backend: its attempts that ended well (an evacuation named by the VM its
    /// plan step moves), the backend's final placement and interruptions.</summary>
    public static StepTrace Of(IReadOnlyList<ExecutionEvent> events, DateTimeOffset start, Plan plan,
        IReadOnlyDictionary<string, string> placement, IReadOnlyDictionary<string, double> downtime)
    {
        var actions = Enum.GetNames<StepAction>().ToHashSet(StringComparer.Ordinal);
        var steps = new List<Performed>();
        // A move whose VM is no longer on its source (an earlier move went elsewhere) moves nothing: no move, as in the simulator.
        foreach (var e in events.Where(e => e is { Outcome: "ok", Seconds: not null } && actions.Contains(e.Action)
            && !(e.Action == nameof(StepAction.Evacuate) && e.Seconds == 0)))
        {
            var end = (e.Time - start).TotalSeconds;
            var detail = Suffixes().Replace(e.Message, "");
            var subject = e.Action == nameof(StepAction.Evacuate)
                ? Move(plan.Waves[e.Wave - 1].Steps.First(s => s.Target == e.Target && s.Detail == detail).Moves[0].Instance.Name)
                : detail;
            steps.Add(new Performed(e.Target, subject, end - e.Seconds!.Value, end));
        }
        var last = events.Count == 0 ? 0 : (events[^1].Time - start).TotalSeconds;
        return new StepTrace(steps, placement, downtime.Where(p => p.Value > 0).ToDictionary(StringComparer.Ordinal), last);
    }

    /// <summary>Where this trace differs from <paramref name="other"/> (the simulator's), at most a few lines; empty when
    /// they agree to the microsecond.</summary>
    public IReadOnlyList<string> Differences(StepTrace other, IReadOnlyDictionary<string, string> initial)
    {
        var found = new List<string>();
        foreach (var target in Steps.Select(s => s.Target).Union(other.Steps.Select(s => s.Target)).Order(StringComparer.Ordinal))
        {
            var mine = Ordered(Steps, target);
            var theirs = Ordered(other.Steps, target);
            var at = Enumerable.Range(0, Math.Max(mine.Count, theirs.Count))
                .FirstOrDefault(i => i >= mine.Count || i >= theirs.Count || !Same(mine[i], theirs[i]), -1);
            if (at >= 0)
            {
                found.Add($"{target}, step {at + 1}: executor {(at < mine.Count ? mine[at] : "nothing")}, simulator {(at < theirs.Count ? theirs[at] : "nothing")}");
            }
        }
        foreach (var (vm, host) in other.Moved.Where(p => Moved.GetValueOrDefault(p.Key) != p.Value))
        {
            found.Add($"{vm}: the simulator moved it to {host}, the executor's ended on {Moved.GetValueOrDefault(vm) ?? initial[vm]}");
        }
        foreach (var vm in Moved.Keys.Where(vm => !other.Moved.ContainsKey(vm) && Moved[vm] != initial[vm]))
        {
            found.Add($"{vm}: the executor's ended on {Moved[vm]}, the simulator left it on {initial[vm]}");
        }
        foreach (var vm in Downtime.Keys.Union(other.Downtime.Keys).Where(vm => !Near(Downtime.GetValueOrDefault(vm), other.Downtime.GetValueOrDefault(vm))))
        {
            found.Add(string.Create(CultureInfo.InvariantCulture,
                $"{vm} interrupted {Downtime.GetValueOrDefault(vm):0.###} s by the executor, {other.Downtime.GetValueOrDefault(vm):0.###} s by the simulator"));
        }
        if (!Near(End, other.End)) found.Add(string.Create(CultureInfo.InvariantCulture, $"the run ends at {End:0.###} s in the executor, {other.End:0.###} s in the simulator"));
        return found;
    }

    /// <summary>A target's steps by subject, then time: side-by-side steps (a host's moves) that start together compare
    /// whatever order rounding gives their starts.</summary>
    private static List<Performed> Ordered(IEnumerable<Performed> steps, string target) =>
        [.. steps.Where(s => s.Target == target).OrderBy(s => s.Subject, StringComparer.Ordinal).ThenBy(s => s.Start)];

    private static bool Same(Performed a, Performed b) => a.Subject == b.Subject && Near(a.Start, b.Start) && Near(a.End, b.End);

    private static bool Near(double a, double b) => Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Abs(a));

    [GeneratedRegex(@" \((failed|timed out|host did not come back)\)$")]
    private static partial Regex NotOk();

    [GeneratedRegex(@"^(live|cold)-migrate (?<vm>\S+) to (?<to>\S+)")]
    private static partial Regex Migration();

    [GeneratedRegex(@"( \(attempt \d+\))?( \(fallback\))?$")]
    private static partial Regex Suffixes();
}
