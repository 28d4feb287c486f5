namespace Escalator.Cli.Reports;

/// <summary>Placeholder until the Sarif report lands.</summary>
internal static class VerifySarif
{
    public static string Write(VerifyReport report) => VerifyText.Write(report);
}
