namespace Escalator.Model.Diagnostics;

/// <summary>A position in a user's file.</summary>
/// <remarks>Line and column are 1-based, as editors show them.</remarks>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
