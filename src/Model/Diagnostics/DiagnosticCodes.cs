namespace Escalator.Model.Diagnostics;

/// <summary>The stable codes of input diagnostics. P: the shape of a file; V: what it refers to and means.</summary>
public static class DiagnosticCodes
{
    public const string Syntax = "ESC-P01";
    public const string UnknownKey = "ESC-P02";
    public const string MissingKey = "ESC-P03";
    public const string WrongType = "ESC-P04";
    public const string BadValue = "ESC-P05";
    public const string DuplicateKey = "ESC-P06";
    public const string FileNotFound = "ESC-P07";

    public const string NotSemantic = "ESC-V01";
    public const string UnknownReference = "ESC-V02";
    public const string DuplicateName = "ESC-V03";
    public const string SelectorMatchesNothing = "ESC-V04";
    public const string StageCycle = "ESC-V05";
    public const string CapacityExceeded = "ESC-V06";
    public const string UnboundedWait = "ESC-V07";
    public const string BadHostRange = "ESC-V08";
    public const string Inconsistent = "ESC-V09";
    public const string StageOverlap = "ESC-V10";
}
