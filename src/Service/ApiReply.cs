namespace Escalator.Service;

/// <summary>What an endpoint answers: a status and a JSON body; an error's body is <c>{"error": MESSAGE, "code": CODE, …}</c>.</summary>
/// <param name="Body">Serialised as JSON (camelCase); null: no body.</param>
internal sealed record ApiReply(int Status, object? Body)
{
    /// <summary>The <c>Location</c> header, for a 202 that created a run.</summary>
    public string? Location { get; init; }

    public static ApiReply Ok(object body) => new(200, body);

    /// <summary>An error: <paramref name="code"/> is stable (documented in the README), <paramref name="message"/> is for
    /// people; <paramref name="more"/> adds fields such as the diagnostics or the verdict.</summary>
    public static ApiReply Error(int status, string code, string message, params (string Name, object? Value)[] more)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal) { ["error"] = message, ["code"] = code };
        foreach (var (name, value) in more) body[name] = value;
        return new ApiReply(status, body);
    }

    public static ApiReply NotFound(string what) => Error(404, "not-found", what);

    public static ApiReply Conflict(string code, string message) => Error(409, code, message);
}
