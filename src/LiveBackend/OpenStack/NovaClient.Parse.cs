using System.Collections.Immutable;
using System.Text.Json;

namespace Escalator.LiveBackend.OpenStack;

internal sealed partial class NovaClient
{
    internal static NovaService ParseService(JsonElement s) => new(
        s.Str("id") ?? "", s.Str("binary") ?? "", s.Str("host") ?? "", s.Str("zone") ?? "",
        s.Str("status") == "enabled", s.Str("state") == "up", s.Str("disabled_reason"), s.Bool("forced_down") ?? false, s.Time("updated_at"));

    internal static NovaServer ParseServer(JsonElement s)
    {
        var flavor = s.Field("flavor") is { } f
            ? new ServerFlavor(f.Str("original_name") ?? f.Str("id") ?? "", Int(f, "vcpus"), Int(f, "ram"), Int(f, "disk"), Int(f, "ephemeral"), Int(f, "swap"))
            : new ServerFlavor("", 0, 0, 0, 0, 0);
        // A server booted from a volume has "image": "" — its root disk is not on the host.
        var fromVolume = s.Field("image") is not { ValueKind: JsonValueKind.Object };
        return new NovaServer(s.Str("id") ?? "", s.Str("name") ?? "", s.Str("status") ?? "", s.Str("OS-EXT-SRV-ATTR:host"),
            s.Str("OS-EXT-STS:task_state"), s.Str("OS-EXT-STS:vm_state"), s.Str("tenant_id") ?? "", s.Str("OS-EXT-AZ:availability_zone"),
            flavor, fromVolume, s.Field("fault")?.Str("message"));
    }

    internal static NovaMigration ParseMigration(JsonElement m) => new(
        m.Long("id") ?? 0, m.Str("uuid"), m.Str("instance_uuid") ?? "", m.Str("status") ?? "", m.Str("migration_type") ?? "",
        m.Str("source_compute"), m.Str("dest_compute"), m.Time("created_at"), m.Time("updated_at"));

    internal static ServerGroup ParseGroup(JsonElement g)
    {
        var rules = g.Field("rules") is { ValueKind: JsonValueKind.Object } r
            ? r.EnumerateObject().ToImmutableSortedDictionary(p => p.Name, p => r.Str(p.Name) ?? "", StringComparer.Ordinal)
            : ImmutableSortedDictionary<string, string>.Empty;
        // Before 2.64 the policy was a list "policies"; read either.
        var policy = g.Str("policy") ?? g.Items("policies").Select(p => p.GetString()).FirstOrDefault() ?? "";
        return new ServerGroup(g.Str("id") ?? "", g.Str("name") ?? "", policy, rules,
            [.. g.Items("members").Select(m => m.GetString()).OfType<string>()], g.Str("project_id"));
    }

    internal static Hypervisor ParseHypervisor(JsonElement h) => new(
        h.Str("id") ?? "", h.Str("hypervisor_hostname") ?? "", h.Field("service")?.Str("host"), h.Str("state") ?? "", h.Str("status") ?? "",
        h.Str("hypervisor_type"), h.Long("hypervisor_version"));

    internal static NovaFlavor ParseFlavor(JsonElement f) => new(
        f.Str("id") ?? "", f.Str("name") ?? "", Int(f, "vcpus"), Int(f, "ram"), Int(f, "disk"), Int(f, "OS-FLV-EXT-DATA:ephemeral"), Int(f, "swap"),
        f.Bool("os-flavor-access:is_public") ?? true);

    /// <summary>An integer field; 0 when absent or, like swap before 2.75, an empty string.</summary>
    private static int Int(JsonElement e, string name) => (int)(e.Long(name) ?? 0);
}
