using Escalator.Model.Campaigns;
using Escalator.Model.Plans;
using Escalator.Model.Topology;
using Escalator.Solver.Formulas;
using Escalator.Solver.Invariants;
using static Escalator.Solver.Invariants.Words;

namespace Escalator.Solver.Verification;

internal sealed partial class PlanReplay
{
    /// <summary>Whether a cluster is the identity service (Keystone), which ESC-I1 judges per site instead of ESC-Q1.</summary>
    internal static bool IsIdentity(ControlCluster c) =>
        c.Service is "keystone" or "identity" || c.Component == "keystone";

    /// <summary>ESC-Q1 for every cluster with members down in the wave; ESC-I1 for every site an identity cluster serves.</summary>
    private void CheckServices(WaveContext w)
    {
        var down = w.Wave.Steps.SelectMany(s => s.Services).Distinct().ToLookup(s => s.Service, s => s.Member, StringComparer.Ordinal);
        if (down.Count == 0) return;
        Formula Down(ControlCluster c, HostId m) => Formula.Var(Var("svc", c.Service, m, $"w{w.Number}"));
        Formula Keeps(ControlCluster c) => Formula.AtMost(down[c.Service].Where(c.Members.Contains).Select(m => Down(c, m)), c.Tolerated);
        foreach (var cluster in Dc.Clusters.Where(c => down.Contains(c.Service)))
        {
            foreach (var m in down[cluster.Service].Where(cluster.Members.Contains)) _problem.Fact(Down(cluster, m));
            // A cut-over's services are out by declaration (the new universe takes over): not a quorum loss.
            if (IsIdentity(cluster) || (w.Wave.Kind == WaveKind.Cutover && w.Stage.Strategy is ParallelUniverseStrategy u
                && u.CutoverServices.Contains(cluster.Service))) continue;
            var members = down[cluster.Service].Where(cluster.Members.Contains).Select(m => m.Name).ToList();
            _problem.Check(Invariant.Quorum.Code, Keeps(cluster), () => new Violation(
                Invariant.Quorum.Code, w.Number, cluster.Service,
                $"{List(members)} {(members.Count == 1 ? "is" : "are")} down together; {cluster.Service} keeps {cluster.Members.Length - members.Count} of {cluster.Members.Length} members; "
                + $"{QuorumWords(cluster)} needs {cluster.Needed}",
                w.StrategyPath));
        }
        var identity = Dc.Clusters.Where(IsIdentity).ToList();
        if (!identity.Any(c => down.Contains(c.Service))) return;
        foreach (var site in identity.SelectMany(c => c.Serves).Distinct(StringComparer.Ordinal))
        {
            var serving = identity.Where(c => c.Serves.Contains(site)).ToList();
            _problem.Check(Invariant.Identity.Code, Formula.Or(serving.Select(Keeps)), () => new Violation(
                Invariant.Identity.Code, w.Number, site,
                $"site {site} has no identity service: {List(serving.Select(c => $"{c.Service} keeps {c.Members.Length - down[c.Service].Count(c.Members.Contains)} of {c.Members.Length} members ({QuorumWords(c)} needs {c.Needed})"))}",
                w.StrategyPath));
        }
    }
}
