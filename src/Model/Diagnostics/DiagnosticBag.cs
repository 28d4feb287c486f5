namespace Escalator.Model.Diagnostics;

/// <summary>Collects every diagnostic of a load so that all are reported together.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.Severity == Severity.Error);

    public void Error(string code, string message, SourceLocation? location, string path) =>
        _items.Add(new Diagnostic(code, Severity.Error, message, location, path));

    public void Warning(string code, string message, SourceLocation? location, string path) =>
        _items.Add(new Diagnostic(code, Severity.Warning, message, location, path));

    /// <summary>The diagnostics ordered by file, line and column, the order a reader walks a file in.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        [.. _items.OrderBy(d => d.Location?.File, StringComparer.Ordinal)
                  .ThenBy(d => d.Location?.Line ?? 0)
                  .ThenBy(d => d.Location?.Column ?? 0)];
}
