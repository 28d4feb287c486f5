using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Escalator.LiveBackend.OpenStack;

internal sealed partial class ServiceApi
{
    /// <summary>The most pages one listing follows: a guard against a service whose "next" link never ends.</summary>
    internal const int MaxPages = 10_000;

    /// <summary>Every page of a listing, following the <c>rel: next</c> link of <paramref name="linksKey"/> (Nova's
    /// <c>servers_links</c>, <c>migrations_links</c> …).</summary>
    /// <remarks>Only the next link's query is used, on the caller's own path: a service behind a proxy may write links with a
    /// host or scheme the client cannot reach.</remarks>
    public async IAsyncEnumerable<JsonElement> PagesAsync(string path, string linksKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var basePath = path.Split('?', 2)[0];
        var seen = new HashSet<string>(StringComparer.Ordinal) { path };
        for (var page = 0; page < MaxPages; page++)
        {
            var root = await GetAsync(path, cancellationToken).ConfigureAwait(false);
            yield return root;
            var next = root.Items(linksKey).FirstOrDefault(l => l.Str("rel") == "next").Str("href");
            if (next is null) yield break;
            var query = Uri.TryCreate(next, UriKind.Absolute, out var absolute) ? absolute.Query : next.Contains('?', StringComparison.Ordinal) ? next[next.IndexOf('?', StringComparison.Ordinal)..] : "";
            path = basePath + query;
            if (query.Length == 0 || !seen.Add(path)) yield break;
        }
    }
}
