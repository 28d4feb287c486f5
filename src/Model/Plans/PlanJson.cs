using System.Text;
using System.Text.Json;

namespace Escalator.Model.Plans;

/// <summary>Writes a plan as the stable, documented JSON that later tools and CI consume (format version 1).</summary>
/// <remarks>Keys are camelCase; enumerations are kebab-case strings; durations are seconds; lists keep plan order.
/// New keys may be added within a format version; none is removed or renamed without raising it.</remarks>
public static class PlanJson
{
    public const int FormatVersion = 1;

    public static string Write(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("formatVersion", FormatVersion);
            w.WriteString("campaign", plan.Campaign);
            w.WriteString("topology", plan.Topology);
            w.WriteNumber("expectedSeconds", Math.Round(plan.ExpectedSeconds, 3));
            w.WriteStartArray("stages");
            foreach (var s in plan.Stages)
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                w.WriteString("strategy", s.Strategy);
                Strings(w, "components", s.Components);
                Strings(w, "hosts", s.Hosts.Select(h => h.Name));
                Strings(w, "upToDate", s.UpToDate.Select(h => h.Name));
                w.WriteNumber("firstWave", s.FirstWave);
                w.WriteNumber("lastWave", s.LastWave);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("waves");
            foreach (var wave in plan.Waves) WriteWave(w, wave);
            w.WriteEndArray();
            w.WriteStartArray("notes");
            foreach (var n in plan.Notes)
            {
                w.WriteStartObject();
                w.WriteString("code", n.Code);
                w.WriteNumber("wave", n.Wave);
                w.WriteString("message", n.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteWave(Utf8JsonWriter w, Wave wave)
    {
        w.WriteStartObject();
        w.WriteNumber("number", wave.Number);
        w.WriteString("stage", wave.Stage);
        w.WriteString("kind", Kebab(wave.Kind));
        Strings(w, "hosts", wave.Hosts.Select(h => h.Name));
        w.WriteNumber("expectedSeconds", Math.Round(wave.ExpectedSeconds, 3));
        w.WriteNumber("soakSeconds", wave.SoakSeconds);
        Strings(w, "gateChecks", wave.GateChecks);
        if (wave.Limits is { } limits)
        {
            w.WriteStartObject("limits");
            w.WriteNumber("max", limits.Max);
            Optional(w, "perRack", limits.PerRack);
            Optional(w, "perZone", limits.PerZone);
            Optional(w, "perSite", limits.PerSite);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("limits");
        }
        w.WriteStartArray("steps");
        foreach (var s in wave.Steps)
        {
            w.WriteStartObject();
            w.WriteString("target", s.Target);
            w.WriteString("action", Kebab(s.Action));
            w.WriteString("detail", s.Detail);
            w.WriteNumber("expectedSeconds", s.ExpectedSeconds);
            w.WriteNumber("timeoutSeconds", s.TimeoutSeconds);
            w.WriteString("onTimeout", Kebab(s.OnTimeout));
            if (s.Event is { } fenix) w.WriteString("event", Kebab(fenix));
            if (s.Action == Campaigns.StepAction.Notify)
            {
                w.WriteBoolean("waitReply", s.WaitReply);
                w.WriteNumber("leadSeconds", s.LeadSeconds);
            }
            if (!s.Checks.IsEmpty) Strings(w, "checks", s.Checks);
            if (!s.Versions.IsEmpty) WriteVersions(w, s.Versions);
            w.WriteStartArray("unavailable");
            foreach (var u in s.Unavailable)
            {
                w.WriteStartObject();
                w.WriteString("instance", u.Instance.Name);
                w.WriteString("vnf", u.Vnf.Name);
                w.WriteString("reason", Kebab(u.Reason));
                // Lost for good (on a retired host) is written as null: JSON has no infinity.
                if (double.IsFinite(u.Seconds)) w.WriteNumber("seconds", Math.Round(u.Seconds, 3));
                else w.WriteNull("seconds");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("services");
            foreach (var o in s.Services)
            {
                w.WriteStartObject();
                w.WriteString("service", o.Service);
                w.WriteString("member", o.Member.Name);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("moves");
            foreach (var m in s.Moves)
            {
                w.WriteStartObject();
                w.WriteString("instance", m.Instance.Name);
                w.WriteString("vnf", m.Vnf.Name);
                w.WriteString("from", m.From.Name);
                if (m.To is { } to) w.WriteString("to", to.Name);
                else w.WriteNull("to");
                w.WriteString("mode", Kebab(m.Mode));
                if (m.Fallback is { } fallback) w.WriteString("fallback", Kebab(fallback));
                else w.WriteNull("fallback");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteVersions(Utf8JsonWriter w, IEnumerable<VersionChange> versions)
    {
        w.WriteStartArray("versions");
        foreach (var v in versions)
        {
            w.WriteStartObject();
            w.WriteString("component", v.Component);
            if (v.From is { } from) w.WriteString("from", from.ToString());
            else w.WriteNull("from");
            w.WriteString("to", v.To.ToString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Optional(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    /// <summary>An enumeration value as the files spell it: <c>EnterMaintenance</c> → <c>enter-maintenance</c>.</summary>
    public static string Kebab<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
