namespace Escalator.Model.Topology;

/// <summary>Names the fault domain a host belongs to at a given scope.</summary>
public static class FaultDomain
{
    /// <summary>The host's name, rack or zone (rack and zone names are unique in a topology).</summary>
    public static string Of(Host host, AntiAffinity scope)
    {
        ArgumentNullException.ThrowIfNull(host);
        return scope switch
        {
            AntiAffinity.Host => host.Id.Name,
            AntiAffinity.Rack => host.Rack,
            AntiAffinity.Zone => host.Zone,
            _ => "",
        };
    }
}
