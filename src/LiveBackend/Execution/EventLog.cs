using System.Globalization;
using System.Text.Json;

namespace Escalator.LiveBackend.Execution;

/// <summary>The structured log: one JSON object per line and event (time, campaign, wave, object, action, outcome, error
/// code, duration, message), and the same event as one plain line for a log that people read.</summary>
public static class EventLog
{
    /// <summary>The event as one JSON line (no line break).</summary>
    public static string Json(ExecutionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", e.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("campaign", e.Campaign);
            json.WriteNumber("wave", e.Wave);
            json.WriteString("object", e.Target);
            json.WriteString("action", e.Action);
            json.WriteString("outcome", e.Outcome);
            if (e.Code is { } code) json.WriteString("code", code);
            if (e.Seconds is { } seconds) json.WriteNumber("seconds", Math.Round(seconds, 3));
            json.WriteString("message", e.Message);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The event as a plain line: <c>time wave object action outcome: message</c>.</summary>
    public static string Plain(ExecutionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var where = e.Wave > 0 ? $" wave {e.Wave}" : "";
        var what = e.Target.Length > 0 ? $" {e.Target}" : "";
        var took = e.Seconds is { } s ? $" ({s:0.#} s)" : "";
        return $"{e.Time.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z{where}{what} {e.Action} {e.Outcome}{took}: {e.Message}";
    }
}
