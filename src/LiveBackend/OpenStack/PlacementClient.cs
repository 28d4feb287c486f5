namespace Escalator.LiveBackend.OpenStack;

/// <summary>The Placement calls Escalator makes: resource providers, their inventories and usages, at one microversion (1.19 by default).</summary>
internal sealed class PlacementClient
{
    private readonly ServiceApi _api;

    public PlacementClient(KeystoneSession session, HttpClient http, CloudCallOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        Microversion = options.PlacementMicroversion;
        _api = new ServiceApi(session, http, options, time, "placement", null, KeyValuePair.Create("OpenStack-API-Version", $"placement {Microversion}"));
    }

    public string Microversion { get; }

    /// <summary>Every resource provider.</summary>
    public async Task<IReadOnlyList<ResourceProvider>> ListResourceProvidersAsync(CancellationToken cancellationToken = default)
    {
        var root = await _api.GetAsync("/resource_providers", cancellationToken).ConfigureAwait(false);
        return [.. root.Items("resource_providers").Select(p => new ResourceProvider(
            p.Str("uuid") ?? "", p.Str("name") ?? "", p.Long("generation") ?? 0, p.Str("parent_provider_uuid"), p.Str("root_provider_uuid")))];
    }

    /// <summary>A provider's inventory by resource class.</summary>
    public async Task<IReadOnlyDictionary<string, ResourceInventory>> GetInventoriesAsync(string providerUuid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerUuid);
        var root = await _api.GetAsync($"/resource_providers/{Uri.EscapeDataString(providerUuid)}/inventories", cancellationToken).ConfigureAwait(false);
        var inventories = new SortedDictionary<string, ResourceInventory>(StringComparer.Ordinal);
        if (root.Field("inventories") is { } map)
        {
            foreach (var property in map.EnumerateObject())
            {
                var i = property.Value;
                inventories[property.Name] = new ResourceInventory(i.Long("total") ?? 0, i.Long("reserved") ?? 0, i.Double("allocation_ratio") ?? 1.0,
                    i.Long("min_unit") ?? 1, i.Long("max_unit") ?? i.Long("total") ?? 0, i.Long("step_size") ?? 1);
            }
        }
        return inventories;
    }

    /// <summary>What is allocated from a provider, by resource class.</summary>
    public async Task<IReadOnlyDictionary<string, long>> GetUsagesAsync(string providerUuid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerUuid);
        var root = await _api.GetAsync($"/resource_providers/{Uri.EscapeDataString(providerUuid)}/usages", cancellationToken).ConfigureAwait(false);
        var usages = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (root.Field("usages") is { } map)
        {
            foreach (var property in map.EnumerateObject()) usages[property.Name] = map.Long(property.Name) ?? 0;
        }
        return usages;
    }
}
