using System.Globalization;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>Sends one HTTP request with a deadline and turns a missing answer into a <see cref="CloudFaultException"/>.</summary>
internal static class HttpExchange
{
    /// <summary>Sends <paramref name="request"/> (and disposes it); an answer of any status is returned, no answer within
    /// <paramref name="timeout"/> or a failed connection is thrown as a transient fault. The caller's cancellation is rethrown as is.</summary>
    public static async Task<HttpAnswer> SendAsync(HttpClient http, string service, HttpRequestMessage request, TimeSpan timeout, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var method = request.Method.Method;
        var url = request.RequestUri!;
        using (request)
        using (var deadline = new CancellationTokenSource(timeout, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
        {
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                var headers = response.Headers.Concat(response.Content.Headers)
                    .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => g.First().Value.FirstOrDefault() ?? "", StringComparer.OrdinalIgnoreCase);
                return new HttpAnswer(method, url, response.StatusCode, body, headers);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CloudFaultException(service, method, url, null, null, null,
                    $"no answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s", e);
            }
            catch (HttpRequestException e)
            {
                throw new CloudFaultException(service, method, url, null, null, null, e.InnerException?.Message ?? e.Message, e);
            }
        }
    }
}
