using Escalator.Model.Diagnostics;

namespace Escalator.Model.Yaml;

/// <summary>Reads a user's file, turning a missing or unreadable file into a diagnostic.</summary>
internal static class FileText
{
    public static bool Read(string path, out string text, out Diagnostic? problem)
    {
        text = "";
        problem = null;
        try
        {
            text = File.ReadAllText(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "it does not exist" : e.Message;
            problem = new Diagnostic(DiagnosticCodes.FileNotFound, Severity.Error, $"cannot read the file '{path}': {reason}", null, "");
            return false;
        }
    }
}
