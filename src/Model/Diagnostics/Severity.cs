namespace Escalator.Model.Diagnostics;

/// <summary>How serious a diagnostic is: errors make an input unusable, warnings do not.</summary>
public enum Severity
{
    Error,
    Warning,
}
