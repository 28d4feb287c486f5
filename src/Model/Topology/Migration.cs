namespace Escalator.Model.Topology;

/// <summary>How an instance can leave its host.</summary>
public enum MigrationMode
{
    Live,
    Cold,
    None,
}

/// <summary>How a VNF's instances move, with the inputs of the pre-copy live-migration model.</summary>
/// <param name="Mode">The best way the instances can move.</param>
/// <param name="UsedMemoryGiB">Memory the guest really uses (what pre-copy sends in its first round); null: the flavour's RAM.</param>
/// <param name="DirtyRateMiBps">Rate at which the guest dirties memory, MiB per second.</param>
public sealed record Migration(MigrationMode Mode, double? UsedMemoryGiB = null, double DirtyRateMiBps = 0);
