using System.Net.Http.Headers;
using System.Text.Json;

namespace Escalator.Service.Tests;

/// <summary>Reads a run's Server-Sent Events to the end of the stream, which comes when the run's execution ends.</summary>
internal static class EventStream
{
    public static async Task<List<(int Id, JsonElement Event)>> ReadAsync(HttpClient client, string run, int? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/campaigns/{run}/events");
        if (lastEventId is { } last) request.Headers.Add("Last-Event-ID", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("text/event-stream") { CharSet = "utf-8" }, response.Content.Headers.ContentType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(int, JsonElement)>();
        int? id = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal)) id = int.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                Assert.NotNull(id);
                events.Add((id.Value, JsonDocument.Parse(line[6..]).RootElement.Clone()));
                id = null;
            }
        }
        return events;
    }

    public static string Outcome(this JsonElement e) => $"{e.GetProperty("action").GetString()} {e.GetProperty("outcome").GetString()}";
}
