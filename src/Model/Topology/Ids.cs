namespace Escalator.Model.Topology;

/// <summary>The name of a physical host, unique in a topology.</summary>
public readonly record struct HostId(string Name)
{
    public override string ToString() => Name;
}

/// <summary>The name of a VNF, unique in a topology.</summary>
public readonly record struct VnfId(string Name)
{
    public override string ToString() => Name;
}

/// <summary>The name of a VNF instance (a VM), unique in a topology.</summary>
public readonly record struct InstanceId(string Name)
{
    public override string ToString() => Name;
}
