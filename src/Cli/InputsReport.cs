using Escalator.Model.Diagnostics;
using Escalator.Model.Pipeline;

namespace Escalator.Cli;

/// <summary>How a command shows what the pipeline's first stages found in its files.</summary>
internal static class InputsReport
{
    /// <summary>Writes the diagnostics and a closing count; returns the exit code they call for.</summary>
    public static int Report(this CampaignInputs inputs, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(writer);
        var diagnostics = inputs.Diagnostics;
        foreach (var d in diagnostics) writer.WriteLine(d);
        var errors = diagnostics.Count(d => d.Severity == Severity.Error);
        var warnings = diagnostics.Count - errors;
        if (diagnostics.Count > 0) writer.WriteLine($"{errors} error(s), {warnings} warning(s)");
        return errors > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
    }
}
