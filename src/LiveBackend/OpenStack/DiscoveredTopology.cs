using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Escalator.Model.Topology;
using Escalator.Model.Yaml;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>A topology read from a live cloud, with where and when it came from and what the reader had to guess.</summary>
/// <param name="Notes">What an operator should check: estimated versions, servers left out, hosts without inventory …</param>
public sealed record DiscoveredTopology(DataCentre DataCentre, string Cloud, Uri AuthUrl, DateTimeOffset DiscoveredAt, ImmutableArray<string> Notes)
{
    /// <summary>What every discovered file says about how it was derived (also documented in the README).</summary>
    internal static readonly string[] Conventions =
    [
        "Hosts: every nova-compute host has the role compute, its zone is the service's availability zone and its capacity is",
        "  Placement's inventory (total - reserved, the allocation ratio as overcommit, MEMORY_MB in GiB); hosts of the other",
        "  Nova services (conductor, scheduler) are control hosts, written with 1 vCPU and no RAM as Nova reports no capacity.",
        "Racks: Nova has none; each availability zone is one rack of the same name, so per-rack limits act per zone.",
        "Clusters: one per Nova control service, quorum any (the services are stateless: one member serves).",
        "VNFs: REDUNDANCY IS A HINT TO REVIEW. A server group of N placed servers is one VNF of redundancy n+m with",
        "  minActive N-1 (one member down at a time is assumed safe); anti-affinity and soft-anti-affinity groups keep",
        "  antiAffinity: host, (soft-)affinity groups none. A server in no group is a VNF of its own with redundancy none.",
        "  Instances are named after their servers (a repeated name gets the first 8 characters of the server's uuid);",
        "  an instance's disk counts only what is local: none when booted from a volume or its host has no DISK_GB inventory.",
    ];

    /// <summary>The topology file: a header of comments (source, time, conventions, notes), then the topology.</summary>
    public string ToYaml()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"# Discovered by `escalator discover` from cloud '{Cloud}' ({AuthUrl}) at {DiscoveredAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}.\n");
        text.Append("# Review it before use.\n");
        foreach (var line in Conventions) text.Append("# ").Append(line).Append('\n');
        if (!Notes.IsEmpty)
        {
            text.Append("# Notes:\n");
            foreach (var note in Notes) text.Append("#   - ").Append(note.ReplaceLineEndings(" ")).Append('\n');
        }
        return text.Append(TopologyWriter.Write(DataCentre)).ToString();
    }
}
