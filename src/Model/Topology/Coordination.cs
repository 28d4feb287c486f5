using System.Collections.Immutable;

namespace Escalator.Model.Topology;

/// <summary>What a VNF manager may do when told of maintenance (the Fenix protocol's allowed actions).</summary>
public enum VnfmAction
{
    Migrate,
    LiveMigrate,
    Switchover,
    OwnAction,
}

/// <summary>Whether and how a VNF's manager takes part in maintenance.</summary>
/// <param name="Coordinated">Whether its VNFM is notified and answers (Fenix).</param>
/// <param name="LeadTimeSeconds">How long before maintenance the VNFM must hear of it.</param>
/// <param name="ReplyTimeoutSeconds">How long to wait for its reply; Fenix's default is 20 s.</param>
/// <param name="Actions">What it allows to be done with its instances.</param>
/// <param name="Endpoint">The VNFM's webhook, when known.</param>
/// <param name="Project">The project (tenant) the VNF belongs to; a VNFM may reply only for its own.</param>
public sealed record Coordination(
    bool Coordinated,
    double LeadTimeSeconds,
    double ReplyTimeoutSeconds,
    ImmutableArray<VnfmAction> Actions,
    string? Endpoint = null,
    string? Project = null)
{
    public static readonly Coordination Uncoordinated = new(false, 0, 20, []);
}
