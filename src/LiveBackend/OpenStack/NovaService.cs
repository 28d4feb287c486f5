namespace Escalator.LiveBackend.OpenStack;

/// <summary>A Nova service (<c>GET /os-services</c>): nova-compute on a host, nova-conductor, nova-scheduler …</summary>
/// <param name="Id">The service's uuid (microversion 2.53+), used to enable or disable it.</param>
/// <param name="Zone">Its availability zone; control services are in <c>internal</c>.</param>
/// <param name="Enabled">Status: whether the scheduler may place servers on it.</param>
/// <param name="Up">State: whether its last heartbeat is recent (Nova's <c>service_down_time</c>, 60 s by default).</param>
internal sealed record NovaService(string Id, string Binary, string Host, string Zone, bool Enabled, bool Up, string? DisabledReason, bool ForcedDown,
    DateTimeOffset? UpdatedAt);
