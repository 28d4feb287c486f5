namespace Escalator.Cli.Reports;

/// <summary>Placeholder until the JUnit report lands.</summary>
internal static class VerifyJUnit
{
    public static string Write(VerifyReport report) => VerifyText.Write(report);
}
