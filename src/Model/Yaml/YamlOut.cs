using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Escalator.Model.Yaml;

/// <summary>Writes one YAML document through YamlDotNet's emitter, choosing how each scalar is quoted.</summary>
/// <remarks>
/// Text is quoted whenever a YAML 1.1 or 1.2 reader would take it for something else (null, a boolean, a number,
/// a date) or the emitter cannot write it plain; numbers, booleans, durations and versions are written plain.
/// </remarks>
internal sealed partial class YamlOut
{
    private static readonly EmitterSettings Settings =
        new(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024, indentSequences: true, newLine: "\n");

    /// <summary>The first characters of every value <see cref="TypedPlain"/> matches, to skip the regex for most names.</summary>
    private static readonly SearchValues<char> TypedStart = SearchValues.Create("~nNyYtTfFoO0123456789+-.<=");

    private readonly Emitter _emitter;

    private YamlOut(TextWriter text) => _emitter = new Emitter(text, Settings);

    /// <summary>Writes one document whose content <paramref name="body"/> emits, and returns its text.</summary>
    public static string Document(Action<YamlOut> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var yaml = new YamlOut(text);
        yaml._emitter.Emit(new StreamStart());
        yaml._emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        body(yaml);
        yaml._emitter.Emit(new DocumentEnd(isImplicit: true));
        yaml._emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    public YamlOut BeginMap(bool flow = false)
    {
        _emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, flow ? MappingStyle.Flow : MappingStyle.Block));
        return this;
    }

    public YamlOut EndMap()
    {
        _emitter.Emit(new MappingEnd());
        return this;
    }

    public YamlOut BeginList(bool flow = false)
    {
        _emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, flow ? SequenceStyle.Flow : SequenceStyle.Block));
        return this;
    }

    public YamlOut EndList()
    {
        _emitter.Emit(new SequenceEnd());
        return this;
    }

    /// <summary>A text value (or key), quoted when it would otherwise read as another type or not at all.</summary>
    public YamlOut Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var multiline = value.Contains('\n', StringComparison.Ordinal);
        var style = multiline && IsBlockSafe(value) ? ScalarStyle.Literal
            : multiline || NeedsDoubleQuotes(value) ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Any;
        _emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, style, isPlainImplicit: !MustQuote(value), isQuotedImplicit: true));
        return this;
    }

    /// <summary>A value whose spelling is its type: a number, a boolean word, a duration, a version or an enum name.</summary>
    public YamlOut Plain(string value)
    {
        _emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: true));
        return this;
    }

    public YamlOut Number(double value) => Plain(value.ToString("R", CultureInfo.InvariantCulture));

    public YamlOut Number(int value) => Plain(value.ToString(CultureInfo.InvariantCulture));

    public YamlOut Bool(bool value) => Plain(value ? "true" : "false");

    public YamlOut Duration(double seconds) => Plain(Durations.Format(seconds));

    /// <summary>A key followed by a text value.</summary>
    public YamlOut Entry(string key, string value) => Text(key).Text(value);

    /// <summary>A flow list of text values, such as <c>[control, network]</c>.</summary>
    public YamlOut TextList(IEnumerable<string> values)
    {
        BeginList(flow: true);
        foreach (var value in values)
        {
            Text(value);
        }
        return EndList();
    }

    /// <summary>A mapping of text keys to text values, in the order given.</summary>
    public YamlOut TextMap(IEnumerable<KeyValuePair<string, string>> entries, bool flow)
    {
        BeginMap(flow);
        foreach (var (key, value) in entries)
        {
            Entry(key, value);
        }
        return EndMap();
    }

    /// <summary>Whether a plain spelling would be read as another type, or not read at all.</summary>
    /// <remarks>Two spellings that YAML allows plain trip YamlDotNet's scanner (16.3), so they are quoted everywhere:
    /// a block key holding " *" above an indented block ("a *b:" then "  x: 1"), and text starting with ':' on the line
    /// after a flow collection ("a: [1]" then ":x: 2"), which it takes for a value indicator.</remarks>
    internal static bool MustQuote(string value) =>
        LooksTyped(value) || value.StartsWith(':') || value.Contains(" *", StringComparison.Ordinal);

    /// <summary>Whether a reader resolving plain scalars by the YAML 1.1 or 1.2 core schema would not read the value as text.</summary>
    internal static bool LooksTyped(string value) =>
        value.Length == 0 || (TypedStart.Contains(value[0]) && TypedPlain().IsMatch(value));

    /// <summary>Line breaks other than LF, tabs and control characters survive only as double-quoted escapes.</summary>
    private static bool NeedsDoubleQuotes(string value) =>
        value.Any(c => c is '\r' or '\t' or '\u0085' or '\u2028' or '\u2029' || char.IsControl(c) && c != '\n' || char.IsSurrogate(c));

    /// <summary>A literal block keeps text exactly when it has no leading space or break, no trailing spaces on a line and no odd characters.</summary>
    private static bool IsBlockSafe(string value) =>
        !NeedsDoubleQuotes(value) && value[0] is not (' ' or '\n')
        && !value.Contains(" \n", StringComparison.Ordinal) && !value.EndsWith(' ');

    [GeneratedRegex("""
        ^(?:
          ~|null|Null|NULL
        | y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
        | [-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)
        | [-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?
        | [-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
        | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt\s].*)?
        | <<|=
        )$
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex TypedPlain();
}
