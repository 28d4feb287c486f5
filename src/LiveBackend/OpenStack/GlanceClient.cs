namespace Escalator.LiveBackend.OpenStack;

/// <summary>The one Glance (image) call Escalator needs: finding an image's id by name, to boot test servers.</summary>
internal sealed class GlanceClient(KeystoneSession session, HttpClient http, CloudCallOptions options, TimeProvider time)
{
    private readonly ServiceApi _api = new(session, http, options, time, "image", Versioned);

    /// <summary>The ids of the images with this exact name, visible to the project.</summary>
    public async Task<IReadOnlyList<string>> FindImageIdsAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var root = await _api.GetAsync($"/images?name={Uri.EscapeDataString(name)}", cancellationToken).ConfigureAwait(false);
        return [.. root.Items("images").Select(i => i.Str("id")).OfType<string>()];
    }

    /// <summary>Glance's catalog entry is usually the bare service root; its API lives under /v2.</summary>
    private static Uri Versioned(Uri endpoint) =>
        endpoint.AbsolutePath.TrimEnd('/').EndsWith("/v2", StringComparison.Ordinal) ? endpoint : ServiceApi.Resolve(endpoint, "/v2");
}
