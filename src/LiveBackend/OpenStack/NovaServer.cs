namespace Escalator.LiveBackend.OpenStack;

/// <summary>A server (VM) as <c>GET /servers/detail</c> shows it to an administrator.</summary>
/// <param name="Status">ACTIVE, BUILD, MIGRATING, VERIFY_RESIZE, SHUTOFF, ERROR …</param>
/// <param name="Host">The compute service host it is on (<c>OS-EXT-SRV-ATTR:host</c>); null while unplaced or shelved.</param>
/// <param name="TaskState">What Nova is doing with it (<c>OS-EXT-STS:task_state</c>), such as migrating; null when idle.</param>
/// <param name="BootedFromVolume">Whether its root disk is a volume (no image), so it uses no local disk on its host.</param>
/// <param name="Fault">The message of its fault, when it is in ERROR.</param>
internal sealed record NovaServer(string Id, string Name, string Status, string? Host, string? TaskState, string? VmState, string TenantId,
    string? AvailabilityZone, ServerFlavor Flavor, bool BootedFromVolume, string? Fault);
