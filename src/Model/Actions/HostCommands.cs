using System.Collections.Immutable;

namespace Escalator.Model.Actions;

/// <summary>The commands a live run performs a procedure's host-level actions with (for example an Ansible playbook
/// limited to one host): a template per action, run per host by a shell.</summary>
/// <remarks>In a template <c>{host}</c> (the host or stage-wide target), <c>{components}</c> (<c>name=version</c> pairs,
/// space-separated), <c>{campaign}</c>, <c>{wave}</c> and <c>{action}</c> are replaced, each quoted for the shell; the same
/// values are in the environment as <c>ESCALATOR_HOST</c>, <c>ESCALATOR_COMPONENTS</c>, <c>ESCALATOR_CAMPAIGN</c>,
/// <c>ESCALATOR_WAVE</c> and <c>ESCALATOR_ACTION</c>. A <c>${NAME}</c> is the shell's, not a placeholder.</remarks>
/// <param name="Commands">The template of each action: <c>backup</c>, <c>upgrade</c>, <c>verify</c>, <c>rollback</c>,
/// <c>restore</c>, <c>build</c>, <c>transfer</c>, <c>cutover</c>, <c>retire</c>.</param>
/// <param name="WorkingDirectory">Where the commands run (relative paths in the file are from the file's folder).</param>
/// <param name="Environment">Extra environment variables for every command.</param>
public sealed record HostCommands(
    ImmutableSortedDictionary<string, string> Commands,
    string WorkingDirectory,
    ImmutableSortedDictionary<string, string> Environment)
{
    /// <summary>The actions a template can be given for.</summary>
    public static readonly ImmutableArray<string> Actions = ["backup", "upgrade", "verify", "rollback", "restore", "build", "transfer", "cutover", "retire"];

    /// <summary>No commands: every action succeeds at once (the upgrade happens elsewhere).</summary>
    public static readonly HostCommands None =
        new(ImmutableSortedDictionary<string, string>.Empty, ".", ImmutableSortedDictionary<string, string>.Empty);

    /// <summary>The template for <paramref name="action"/>, or null when none is given.</summary>
    public string? For(string action) => Commands.GetValueOrDefault(action);
}
