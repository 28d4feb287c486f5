namespace Escalator.Simulator.Engine;

/// <summary>The usual priorities of events scheduled at the same time: lower values are processed first.</summary>
/// <remarks>Any <see cref="int"/> is a valid priority; events of equal time and priority are processed in the order they
/// were scheduled.</remarks>
public static class Priority
{
    /// <summary>Before the normal events of the same time (a process's first step).</summary>
    public const int Urgent = 0;

    /// <summary>The default.</summary>
    public const int Normal = 1;

    /// <summary>After the normal events of the same time (e.g. to observe a state once the instant has settled).</summary>
    public const int Late = 2;
}
