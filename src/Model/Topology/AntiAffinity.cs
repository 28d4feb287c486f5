namespace Escalator.Model.Topology;

/// <summary>The fault domain in which no two instances of a VNF may share a place.</summary>
public enum AntiAffinity
{
    None,
    Host,
    Rack,
    Zone,
}
