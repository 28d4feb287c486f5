using System.Net;
using System.Text;

namespace Escalator.LiveBackend.Tests.OpenStack;

/// <summary>A request as the fake cloud received it.</summary>
internal sealed record Recorded(HttpMethod Method, Uri Url, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string PathAndQuery => Url.PathAndQuery;

    public string? Header(string name) => Headers.GetValueOrDefault(name);
}

/// <summary>A local OpenStack stand-in: answers by method and path (the query is ignored for routing) from fixed data, and
/// records every request. A later route for the same method and path replaces an earlier one; a route with several answers
/// gives them in turn and then repeats the last. An answer of null never comes: the request waits until it is cancelled.</summary>
internal sealed class FakeCloud : HttpMessageHandler
{
    public const string Keystone = "http://keystone.test/v3";
    public const string Nova = "http://nova.test/v2.1";
    public const string Placement = "http://placement.test";

    private readonly Lock _lock = new();
    private readonly Dictionary<(string, string), Queue<Func<Recorded, HttpResponseMessage?>>> _routes = [];
    private readonly List<Recorded> _requests = [];

    public IReadOnlyList<Recorded> Requests
    {
        get
        {
            lock (_lock) return [.. _requests];
        }
    }

    /// <summary>The requests other than logins.</summary>
    public IReadOnlyList<Recorded> Calls => [.. Requests.Where(r => !r.Url.AbsolutePath.EndsWith("/auth/tokens", StringComparison.Ordinal))];

    public FakeCloud On(string method, string url, params Func<Recorded, HttpResponseMessage?>[] answers)
    {
        var key = (method, new Uri(url).AbsolutePath);
        lock (_lock) _routes[key] = new Queue<Func<Recorded, HttpResponseMessage?>>(answers);
        return this;
    }

    public FakeCloud OnJson(string method, string url, string json, HttpStatusCode status = HttpStatusCode.OK) =>
        On(method, url, _ => Json(status, json));

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new Recorded(request.Method, request.RequestUri!, headers, body);
        Func<Recorded, HttpResponseMessage?>? answer;
        lock (_lock)
        {
            _requests.Add(recorded);
            answer = _routes.TryGetValue((request.Method.Method, request.RequestUri!.AbsolutePath), out var queue)
                ? queue.Count > 1 ? queue.Dequeue() : queue.Peek()
                : null;
        }
        if (answer is null) return Json(HttpStatusCode.NotFound, $"{{\"itemNotFound\": {{\"message\": \"no fake route for {request.Method} {request.RequestUri.AbsolutePath}\"}}}}");
        if (answer(recorded) is { } response) return response;
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("a cancelled delay returned");
    }

    /// <summary>An answer that never comes.</summary>
    public static HttpResponseMessage? Hang(Recorded request) => null;
}
