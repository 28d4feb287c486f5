using System.Globalization;
using System.Runtime.InteropServices;
using Escalator.Model.Diagnostics;

namespace Escalator.Model.Topology;

public static partial class TopologyLoader
{
    private sealed partial class Reader
    {
        private void CheckReferences(DataCentre dc)
        {
            var hosts = dc.Hosts.ToDictionary(h => h.Id);
            CheckClusters(dc, hosts);
            CheckVnfs(dc, hosts);
            CheckCapacity(dc, hosts);
        }

        private void CheckClusters(DataCentre dc, Dictionary<HostId, Host> hosts)
        {
            var sites = dc.Sites.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < dc.Clusters.Length; i++)
            {
                var cluster = dc.Clusters[i];
                var path = $"clusters[{i}]";
                var seen = new HashSet<HostId>();
                foreach (var member in cluster.Members)
                {
                    if (!seen.Add(member))
                    {
                        file.ErrorAt(DiagnosticCodes.DuplicateName, $"host '{member}' is listed twice as a member of '{cluster.Service}'", $"{path}.members");
                    }
                    else if (!hosts.TryGetValue(member, out var host))
                    {
                        file.ErrorAt(DiagnosticCodes.UnknownReference,
                            $"cluster '{cluster.Service}' has member '{member}', but no host has that name{Suggestions.Hint(member.Name, hosts.Keys.Select(h => h.Name))}",
                            $"{path}.members");
                    }
                    else if (!host.Runs(cluster.Component))
                    {
                        file.ErrorAt(DiagnosticCodes.Inconsistent,
                            $"cluster '{cluster.Service}' has member '{member}', but that host's software does not list the component '{cluster.Component}'",
                            $"{path}.members");
                    }
                }
                for (var j = 0; j < cluster.Serves.Length; j++)
                {
                    var site = cluster.Serves[j];
                    if (!sites.Contains(site))
                    {
                        file.ErrorAt(DiagnosticCodes.UnknownReference,
                            $"cluster '{cluster.Service}' serves site '{site}', but no site has that name{Suggestions.Hint(site, sites)}",
                            cluster.Serves.Length == 1 ? $"{path}.serves" : $"{path}.serves[{j}]");
                    }
                }
            }
        }

        private void CheckVnfs(DataCentre dc, Dictionary<HostId, Host> hosts)
        {
            // One search of the host names for each unknown name, however many instances name it.
            var hints = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < dc.Vnfs.Length; i++)
            {
                var vnf = dc.Vnfs[i];
                var path = $"vnfs[{i}]";
                for (var j = 0; j < vnf.Instances.Length; j++)
                {
                    var instance = vnf.Instances[j];
                    if (!hosts.TryGetValue(instance.Host, out var host))
                    {
                        file.ErrorAt(DiagnosticCodes.UnknownReference,
                            $"instance '{instance.Id}' is on host '{instance.Host}', but no host has that name{Hint(instance.Host.Name)}",
                            $"{path}.instances[{j}].host");
                    }
                    else if (!host.Roles.HasFlag(HostRoles.Compute))
                    {
                        file.ErrorAt(DiagnosticCodes.Inconsistent,
                            $"instance '{instance.Id}' is on host '{host.Id}', which does not have the compute role", $"{path}.instances[{j}].host");
                    }
                }
                CheckRedundancy(vnf, path);
                CheckStartingAntiAffinity(vnf, path, hosts);
            }

            string Hint(string name)
            {
                if (!hints.TryGetValue(name, out var hint)) hints[name] = hint = Suggestions.Hint(name, hosts.Keys.Select(h => h.Name));
                return hint;
            }
        }

        private void CheckRedundancy(Vnf vnf, string path)
        {
            var n = vnf.Instances.Length;
            switch (vnf.Redundancy.Model)
            {
                case RedundancyModel.ActiveStandby when n != 2:
                    file.ErrorAt(DiagnosticCodes.Inconsistent, $"an active-standby VNF has 2 instances; '{vnf.Id}' has {n}", $"{path}.instances");
                    break;
                case RedundancyModel.ActiveStandby when vnf.Redundancy.Active is { } active && !vnf.Instances.Any(x => x.Id == active):
                    file.ErrorAt(DiagnosticCodes.UnknownReference,
                        $"the active instance '{active}' is not one of {string.Join(", ", vnf.Instances.Select(x => x.Id))}{Suggestions.Hint(active.Name, vnf.Instances.Select(x => x.Id.Name))}",
                        $"{path}.redundancy.active");
                    break;
                case RedundancyModel.NPlusM when vnf.Redundancy.MinActive > n:
                    file.ErrorAt(DiagnosticCodes.Inconsistent,
                        $"minActive is {vnf.Redundancy.MinActive}, but '{vnf.Id}' has only {n} instances", $"{path}.redundancy.minActive");
                    break;
            }
        }

        /// <summary>Warns when two instances of a VNF with anti-affinity already share a fault domain: the first domain, in
        /// the order instances are listed, that holds more than one of them.</summary>
        private void CheckStartingAntiAffinity(Vnf vnf, string path, Dictionary<HostId, Host> hosts)
        {
            if (vnf.AntiAffinity == AntiAffinity.None) return;
            var domains = new string?[vnf.Instances.Length];
            for (var i = 0; i < domains.Length; i++)
            {
                domains[i] = hosts.TryGetValue(vnf.Instances[i].Host, out var host) ? FaultDomain.Of(host, vnf.AntiAffinity) : null;
            }
            for (var i = 0; i < domains.Length; i++)
            {
                if (domains[i] is not { } domain || domains.AsSpan(0, i).Contains(domain)) continue;
                var shared = Enumerable.Range(i, domains.Length - i).Where(j => domains[j] == domain).ToList();
                if (shared.Count < 2) continue;
                file.WarningAt(DiagnosticCodes.Inconsistent,
                    $"instances {string.Join(" and ", shared.Select(j => vnf.Instances[j].Id))} already share {vnf.AntiAffinity.ToString().ToLowerInvariant()} '{domain}', against the VNF's anti-affinity",
                    $"{path}.antiAffinity");
                return;
            }
        }

        private void CheckCapacity(DataCentre dc, Dictionary<HostId, Host> hosts)
        {
            // What the instances on each host use, hosts in the order first used.
            var load = new Dictionary<HostId, (double Vcpu, double Ram, double Disk)>();
            foreach (var instance in dc.Vnfs.SelectMany(v => v.Instances))
            {
                if (!hosts.ContainsKey(instance.Host)) continue;
                ref var l = ref CollectionsMarshal.GetValueRefOrAddDefault(load, instance.Host, out _);
                l = (l.Vcpu + instance.Flavor.Vcpu, l.Ram + instance.Flavor.RamGiB, l.Disk + instance.Flavor.DiskGiB);
            }
            var over = new Dictionary<HostId, List<string>>();
            foreach (var (id, (vcpu, ram, disk)) in load)
            {
                var c = hosts[id].Capacity;
                var excess = new List<string>();
                if (vcpu > c.AllocatableVcpu + 1e-9) excess.Add($"{F(vcpu)} vCPU of {F(c.AllocatableVcpu)} allocatable ({c.Vcpu} × {F(c.CpuOvercommit)})");
                if (ram > c.AllocatableRamGiB + 1e-9) excess.Add($"{F(ram)} GiB RAM of {F(c.AllocatableRamGiB)} allocatable");
                if (disk > c.AllocatableDiskGiB + 1e-9) excess.Add($"{F(disk)} GiB disk of {F(c.AllocatableDiskGiB)} allocatable");
                if (excess.Count > 0) over[id] = excess;
            }
            if (over.Count == 0) return;
            // The names of the instances on the hosts over capacity, in one more pass.
            var names = over.Keys.ToDictionary(id => id, _ => new List<string>());
            foreach (var instance in dc.Vnfs.SelectMany(v => v.Instances))
            {
                if (names.TryGetValue(instance.Host, out var list)) list.Add(instance.Id.Name);
            }
            foreach (var (id, excess) in over)
            {
                file.ErrorAt(DiagnosticCodes.CapacityExceeded,
                    $"host '{id}' is already over capacity before the upgrade: its instances ({string.Join(", ", names[id])}) use {string.Join(" and ", excess)}",
                    _hostPaths[id]);
            }
        }

        private static string F(double x) => x.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
