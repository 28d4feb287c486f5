namespace Escalator.Cli.Reports;

/// <summary>Placeholder until the Json report lands.</summary>
internal static class VerifyJson
{
    public static string Write(VerifyReport report) => VerifyText.Write(report);
}
