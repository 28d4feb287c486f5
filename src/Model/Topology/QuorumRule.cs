namespace Escalator.Model.Topology;

/// <summary>How many members of a control-plane cluster must be up for it to serve.</summary>
public enum QuorumRule
{
    /// <summary>More than half of the members: ⌊n/2⌋ + 1.</summary>
    Majority,

    /// <summary>At least one member.</summary>
    Any,

    /// <summary>Every member.</summary>
    All,
}
