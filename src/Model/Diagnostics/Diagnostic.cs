namespace Escalator.Model.Diagnostics;

/// <summary>One finding about a user's input: a stable code, a message, where it is and the YAML path of the node.</summary>
/// <remarks>The message says what was expected and what was found. Codes are stable and documented in the README.</remarks>
public sealed record Diagnostic(string Code, Severity Severity, string Message, SourceLocation? Location, string Path)
{
    /// <summary>Formats the diagnostic as compilers do: <c>file:line:col: error CODE: path: message</c>.</summary>
    public override string ToString()
    {
        var where = Location is { } l ? $"{l}: " : "";
        var kind = Severity == Severity.Error ? "error" : "warning";
        var path = string.IsNullOrEmpty(Path) ? "" : $"{Path}: ";
        return $"{where}{kind} {Code}: {path}{Message}";
    }
}
