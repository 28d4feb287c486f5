namespace Escalator.Model.Topology;

/// <summary>What one VM asks of its host: vCPUs, RAM and disk in GiB.</summary>
public sealed record Flavor(int Vcpu, double RamGiB, double DiskGiB = 0);
