namespace Escalator.Solver.Invariants;

/// <summary>One way a plan breaks an invariant, in the planner's words.</summary>
/// <param name="Code">The invariant's stable code.</param>
/// <param name="Wave">The 1-based wave where it breaks; 0 when it concerns the campaign as a whole.</param>
/// <param name="Subject">What it is about: a VNF, a cluster, a site, a host or a component.</param>
/// <param name="Message">The explanation, without the wave and code (outputs add them).</param>
/// <param name="CampaignPath">The YAML path of the campaign node that caused it (<c>stages[0].strategy</c>), for file and line.</param>
/// <param name="Intrinsic">True when no order of waves avoids it (no safe plan exists for this campaign as written).</param>
public sealed record Violation(string Code, int Wave, string Subject, string Message, string CampaignPath, bool Intrinsic = false)
{
    /// <summary>True for an ESC-R1 made only of moves off different hosts of the wave: the solver counts them as falling
    /// together because nothing in the plan orders them; whether they do is a matter of timing (a slow VNFM's reply, a
    /// retry), which a run at the campaign's spread may never meet.</summary>
    public bool OnlyIfMovesOverlap { get; init; }

    public override string ToString() => Wave > 0 ? $"wave {Wave}: {Message} ({Code})" : $"{Message} ({Code})";
}
