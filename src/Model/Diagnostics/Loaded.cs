using System.Collections.Immutable;

namespace Escalator.Model.Diagnostics;

/// <summary>What a loader read (as much as could be read) and every diagnostic it found.</summary>
/// <remarks><see cref="Value"/> may be present even with errors, so later checks can still run; use <see cref="Ok"/> before trusting it.</remarks>
public sealed record Loaded<T>(T? Value, ImmutableArray<Diagnostic> Diagnostics, SourceMap Sources) where T : class
{
    public bool Ok => Value is not null && !Diagnostics.Any(d => d.Severity == Severity.Error);
}
