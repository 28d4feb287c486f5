using System.Globalization;
using System.Text.RegularExpressions;
using Escalator.Model.Actions;
using Escalator.Model.Campaigns;

namespace Escalator.LiveBackend.Backends;

/// <summary>Performs a procedure's host-level actions on a live cloud with the operator's command templates, and a
/// verify step's health checks (commands and HTTP probes) from the campaign.</summary>
/// <remarks>Each command's exit code decides; what it printed goes into the log. The step's token bounds the whole action:
/// when it is cancelled the command is killed.</remarks>
public sealed partial class HostActionRunner(HostCommands commands, Campaign campaign, HttpClient http)
{
    /// <summary>A placeholder, but not the shell's own <c>${name}</c>.</summary>
    [GeneratedRegex(@"(?<!\$)\{(host|components|campaign|wave|action)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>Runs the action's command (when one is configured) and, for a verify, the campaign's checks it names.</summary>
    public async Task<ActionResult> RunAsync(HostAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var name = NameOf(action);
        var result = commands.For(name) is { } template
            ? await RunTemplateAsync(name, template, action, cancellationToken).ConfigureAwait(false)
            : new ActionResult(true, null, "");
        if (!result.Ok || action.Checks.Count == 0) return result;
        var outputs = new List<string> { result.Output };
        foreach (var check in action.Checks.Select(c => campaign.Checks.First(k => k.Name == c)))
        {
            var checkResult = await RunCheckAsync(check, action.Target, cancellationToken).ConfigureAwait(false);
            outputs.Add(checkResult.Output);
            if (!checkResult.Ok) return checkResult with { Output = Join(outputs) };
        }
        return result with { Output = Join(outputs) };
    }

    /// <summary>The template an action runs: a rollback runs <c>restore</c> when the campaign restores from backup and
    /// one is given, else <c>rollback</c>.</summary>
    private string NameOf(HostAction action) => action.Action switch
    {
        StepAction.Upgrade when action.Rollback =>
            campaign.Recovery.Rollback == RollbackMode.Restore && commands.For("restore") is not null ? "restore" : "rollback",
        StepAction.TransferState => "transfer",
        _ => action.Action.ToString().ToLowerInvariant(),
    };

    private async Task<ActionResult> RunTemplateAsync(string name, string template, HostAction action, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = action.Target,
            ["components"] = string.Join(' ', action.Components.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
            ["campaign"] = action.Campaign,
            ["wave"] = action.Wave.ToString(CultureInfo.InvariantCulture),
            ["action"] = name,
        };
        // One pass: a value that itself contains "{wave}" (a stage or run named so) is not replaced again inside its quotes.
        var line = Placeholder().Replace(template, m => ShellCommand.Quote(values[m.Groups[1].Value]));
        var environment = commands.Environment.ToDictionary(StringComparer.Ordinal);
        foreach (var (key, value) in values) environment[$"ESCALATOR_{key.ToUpperInvariant()}"] = value;
        var ended = await ShellCommand.RunAsync(line, commands.WorkingDirectory, environment, cancellationToken).ConfigureAwait(false);
        return ended.Ok ? new ActionResult(true, null, ended.Output)
            : new ActionResult(false, ended.ExitCode is { } code ? $"the {name} command exited with {code}" : ended.Output, ended.Output);
    }

    /// <summary>A campaign check: its command must exit 0, or its URL must answer the expected status, within its timeout.</summary>
    private async Task<ActionResult> RunCheckAsync(HealthCheck check, string host, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (check.TimeoutSeconds > 0) bound.CancelAfter(TimeSpan.FromSeconds(check.TimeoutSeconds));
        var address = check.Url?.Replace("{host}", Uri.EscapeDataString(host), StringComparison.Ordinal);
        try
        {
            if (check.Command is { } command)
            {
                var line = command.Replace("{host}", ShellCommand.Quote(host), StringComparison.Ordinal);
                var ended = await ShellCommand.RunAsync(line, commands.WorkingDirectory, commands.Environment, bound.Token).ConfigureAwait(false);
                return ended.Ok ? new ActionResult(true, null, ended.Output)
                    : new ActionResult(false, $"check {check.Name} failed (exit {ended.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"})", ended.Output);
            }
            var url = new Uri(address!);
            using var response = await http.GetAsync(url, bound.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return status == check.ExpectStatus ? new ActionResult(true, null, "")
                : new ActionResult(false, $"check {check.Name}: {url} answered {status}, expected {check.ExpectStatus}", "");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ActionResult(false, $"check {check.Name} did not finish within {check.TimeoutSeconds:0.#} s", "");
        }
        catch (HttpRequestException e)
        {
            return new ActionResult(false, $"check {check.Name}: {address} did not answer ({e.Message})", "");
        }
    }

    private static string Join(IEnumerable<string> outputs) => string.Join('\n', outputs.Where(o => o.Length > 0));
}
