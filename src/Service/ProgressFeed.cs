using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace Escalator.Service;

/// <summary>Passive notification: POSTs each event of one execution of a run, as its JSON line, to every progress
/// webhook, in order, from a bounded queue, so the executor never waits for a webhook.</summary>
/// <remarks>Each POST is bounded by a timeout. A failure is logged (the first of a series, and the recovery) and the event
/// dropped for that URL; when the queue is full, events are dropped and counted. Nothing is retried: a webhook is a
/// progress feed, and the full record is the API's event stream.</remarks>
internal sealed class ProgressFeed
{
    private const int Capacity = 4096;

    private readonly Channel<(int Id, string Json)> _queue =
        Channel.CreateBounded<(int, string)>(new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly string _run;
    private readonly IReadOnlyList<Uri> _targets;
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly TextWriter _log;
    private readonly Dictionary<Uri, int> _failing = [];
    private int _dropped;

    public ProgressFeed(string run, IReadOnlyList<Uri> targets, HttpClient http, TimeSpan timeout, TimeProvider time, TextWriter log)
    {
        (_run, _targets, _http, _timeout, _time, _log) = (run, targets, http, timeout, time, log);
        Sent = targets.Count == 0 ? Task.CompletedTask : Task.Run(SendAllAsync);
    }

    /// <summary>Completes when every event queued has been sent or dropped, after <see cref="Complete"/>.</summary>
    public Task Sent { get; }

    /// <summary>Queues an event; drops it (counted) when the queue is full. Never blocks.</summary>
    public void Post(int id, string json)
    {
        if (_targets.Count == 0 || _queue.Writer.TryWrite((id, json))) return;
        if (Interlocked.Increment(ref _dropped) == 1)
        {
            _log.WriteLine($"escalator serve: run {_run}: the progress webhooks fall behind ({Capacity} events queued); dropping events until they catch up");
        }
    }

    /// <summary>No more events: the feed ends once the queue is sent.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    private async Task SendAllAsync()
    {
        await foreach (var (id, json) in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            foreach (var url in _targets) await SendAsync(url, id, json).ConfigureAwait(false);
        }
        foreach (var (url, failures) in _failing.Where(f => f.Value > 0))
        {
            _log.WriteLine($"escalator serve: run {_run}: progress webhook {url} missed the last {failures} events");
        }
        if (_dropped > 0) _log.WriteLine($"escalator serve: run {_run}: {_dropped} events were dropped from a full progress queue");
    }

    private async Task SendAsync(Uri url, int id, string json)
    {
        string? problem;
        using var deadline = new CancellationTokenSource(_timeout, _time);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Escalator-Run", _run);
            request.Headers.Add("X-Escalator-Event", id.ToString(CultureInfo.InvariantCulture));
            using var response = await _http.SendAsync(request, deadline.Token).ConfigureAwait(false);
            problem = response.IsSuccessStatusCode ? null : $"answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            problem = deadline.IsCancellationRequested ? $"did not answer within {_timeout.TotalSeconds:0.#} s" : e.Message;
        }
        var before = _failing.GetValueOrDefault(url);
        _failing[url] = problem is null ? 0 : before + 1;
        if (problem is not null && before == 0)
        {
            _log.WriteLine($"escalator serve: run {_run}: progress webhook {url} {problem} (event {id}); its events are dropped while it fails");
        }
        if (problem is null && before > 0) _log.WriteLine($"escalator serve: run {_run}: progress webhook {url} answers again after missing {before} events");
    }
}
