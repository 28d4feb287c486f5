namespace Escalator.Model.Campaigns;

/// <summary>How a failed upgrade is undone.</summary>
public enum RollbackMode
{
    /// <summary>Undo the executed steps in reverse order: slow, but no more outage than the upgrade itself.</summary>
    Graceful,

    /// <summary>Restore from the backup taken before: faster, may lose state.</summary>
    Restore,

    /// <summary>Stop and leave the system as it is for an operator.</summary>
    None,
}

/// <summary>What the campaign does when steps fail.</summary>
/// <param name="Retries">How many times a failed step is retried before it counts as a failure.</param>
/// <param name="Rollback">How the campaign is undone once it stops.</param>
/// <param name="MaxFailures">How many failed hosts stop the campaign.</param>
public sealed record RecoveryPolicy(int Retries, RollbackMode Rollback, int MaxFailures)
{
    public static readonly RecoveryPolicy Default = new(1, RollbackMode.Graceful, 1);
}

/// <summary>A verification hook: a command run on the operator's side or an HTTP endpoint that must answer.</summary>
/// <param name="Command">The command (with <c>{host}</c> replaced by the host's name), or null.</param>
/// <param name="Url">The URL to GET, or null.</param>
/// <param name="ExpectStatus">For an URL, the HTTP status that means healthy.</param>
public sealed record HealthCheck(string Name, string? Command, string? Url, int ExpectStatus, double TimeoutSeconds);
