using System.CommandLine;
using System.Runtime.InteropServices;
using Escalator.Cli.Running;
using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;
using Escalator.LiveBackend.OpenStack;
using Escalator.LiveBackend.Simulated;
using Escalator.Model.Access;
using Escalator.Service;
using Escalator.Service.Access;

namespace Escalator.Cli.Commands;

/// <summary><c>escalator serve [--listen URL] [--state DIR] [--keys FILE] [--os-cloud NAME] …</c>: the REST API. Accepts,
/// proves and runs campaigns, streams their events, takes VNF managers' replies; runs until SIGINT or SIGTERM, then
/// suspends running campaigns at a step boundary (bounded) and stops.</summary>
/// <remarks>Only wiring: it parses the options, loads the keys and the Keystone, picks the engine and starts the service
/// (<c>Escalator.Service.ServeHost</c>), which holds everything else. Refuses to start (exit 2) without a way to
/// authenticate callers: local keys, a Keystone, or both.</remarks>
internal static class ServeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var listen = new Option<string>("--listen") { Description = "the URL to listen on (port 0: any free port)", DefaultValueFactory = _ => "http://127.0.0.1:8786", HelpName = "URL" };
        var publicUrl = new Option<string?>("--public-url") { Description = "the URL VNF managers reach this service at, when not --listen (a proxy)", HelpName = "URL" };
        var state = new Option<string?>("--state") { Description = "the state directory: journal.db and runs/ (default $XDG_STATE_HOME/escalator or ~/.local/state/escalator)", HelpName = "DIR" };
        var keys = new Option<string?>("--keys") { Description = "local API keys: keys: [{name, sha256, roles, project}]", HelpName = "FILE" };
        var cloud = CloudOptions.OsCloud();
        cloud.Description = "the cloud whose Keystone validates callers' tokens and, with --backend openstack, where campaigns run (default: $OS_CLOUD, else the OS_* variables)";
        var cloudsYaml = CloudOptions.CloudsYaml();
        var actions = new Option<string?>("--actions")
        {
            Description = "--backend openstack: the commands that back up, upgrade, verify and roll back a host (YAML, as for run)",
            HelpName = "FILE",
        };
        var operatorRole = new Option<string>("--operator-role") { Description = "the role that submits and controls campaigns (default admin)", DefaultValueFactory = _ => "admin", HelpName = "ROLE" };
        var readerRole = new Option<string>("--reader-role") { Description = "the role that reads (default reader; member and the operator role also read)", DefaultValueFactory = _ => "reader", HelpName = "ROLE" };
        var webhooks = new Option<string[]>("--progress-webhook") { Description = "POST every event of every run to URL (repeatable)", HelpName = "URL" };
        var backend = new Option<string>("--backend") { Description = "where campaigns run: simulated (default) or openstack", DefaultValueFactory = _ => "simulated", HelpName = "BACKEND" };
        backend.AcceptOnlyFromAmong("simulated", "openstack");
        var timeout = Arguments.Timeout();
        var seed = Arguments.Seed();
        var command = new Command("serve", "Serve the REST API: submit, prove, run, watch and control campaigns; take VNF managers' replies.")
        {
            listen, publicUrl, state, keys, cloud, cloudsYaml, operatorRole, readerRole, webhooks, backend, actions, timeout, seed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (Settings(parse.GetValue(listen)!, parse.GetValue(publicUrl), parse.GetValue(state), parse.GetValue(webhooks) ?? [], stderr) is not { } basic) return ExitCodes.BadInput;
            if (Arguments.ParseTimeout(parse.GetValue(timeout), stderr) is not { } limit) return ExitCodes.BadInput;
            var settings = basic with { OperatorRole = parse.GetValue(operatorRole)!, ReaderRole = parse.GetValue(readerRole)!, SolverTimeout = limit };
            using var identity = Keystone(parse.GetValue(cloud), parse.GetValue(cloudsYaml), stderr, out var keystoneFailed);
            var keyFile = LoadKeys(parse.GetValue(keys), stderr, out var keysFailed);
            if (keystoneFailed || keysFailed) return ExitCodes.BadInput;
            if (keyFile is null && identity is null)
            {
                await stderr.WriteLineAsync("escalator: serve refuses to run without authentication: give --keys FILE (local API keys), a Keystone to "
                    + "validate tokens (--os-cloud NAME, --clouds-yaml FILE, or the OS_* variables), or both").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
            // The service writes to standard error from request and run threads: one synchronised writer for all of them.
            var log = TextWriter.Synchronized(stderr);
            var authenticator = new CallerAuthenticator(keyFile, identity is null ? null : identity.ValidateTokenAsync, identity?.Config.AuthUrl,
                TimeProvider.System, log);
            var where = new Backend(parse.GetValue(backend)!, parse.GetValue(actions), parse.GetValue(seed));
            return await ServeAsync(settings, where, identity, authenticator, stdout, log, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <param name="cloud">The cloud named by --os-cloud (or OS_*), whose Keystone validates tokens; null when there is none.</param>
    /// <param name="stderr">Synchronised: the service writes to it from several threads.</param>
    private static async Task<int> ServeAsync(ServeSettings settings, Backend backend, CloudConnection? cloud, CallerAuthenticator authenticator,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ServeHost? host = null;
        // The engine seam: one engine per execution of a run. An engine is made only once the host listens, so it may use
        // host.Service.Mailbox (VNFM replies) and host.ReplyBase (where VNFMs send them).
        Func<ExecutionRequest, IRunEngine> engines;
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var campaignCloud = backend.Name == "openstack" && cloud is not null ? CloudConnection.Open(cloud.Config, TimeProvider.System) : null;
        if (backend.Name == "simulated")
        {
            engines = _ => new SimulatedEngine(TimeProvider.System.GetUtcNow(), backend.Seed, faults: false);
        }
        else if (campaignCloud is null)
        {
            await stderr.WriteLineAsync("escalator: --backend openstack runs campaigns on a cloud: name it with --os-cloud NAME (or the OS_* variables)").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        else if (LiveRunner.LoadCommands(backend.Actions, needUpgrade: true, stderr) is { } commands)
        {
            engines = _ => new OpenStackEngine(campaignCloud, commands, host!.Mailbox, host.ReplyBase, http);
        }
        else
        {
            return ExitCodes.BadInput;
        }
        try
        {
            host = await ServeHost.StartAsync(settings, engines, authenticator, TimeProvider.System, stderr).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or JournalException)
        {
            await stderr.WriteLineAsync($"escalator: serve cannot start on {settings.Listen} with state in {settings.StateDirectory}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        await using (host.ConfigureAwait(false))
        {
            await stdout.WriteLineAsync($"escalator serve: listening on {host.Address.AbsoluteUri.TrimEnd('/')} (state in {settings.StateDirectory}); "
                + $"VNFM replies to {host.ReplyBase}RUN/VNF").ConfigureAwait(false);
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await UntilStoppedAsync(cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync("escalator serve: stopping: asking running campaigns to suspend at their next step boundary").ConfigureAwait(false);
            await host.StopAsync().ConfigureAwait(false);
        }
        await stdout.WriteLineAsync("escalator serve: stopped").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>Waits for SIGINT or SIGTERM (or the token). A second signal, once stopping, ends the process at once.</summary>
    private static async Task UntilStoppedAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        using (PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop))
        using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop))
        {
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Asked to stop.
            }
        }
    }

    private static ServeSettings? Settings(string listen, string? publicUrl, string? state, string[] webhooks, TextWriter stderr)
    {
        if (Url(listen, "--listen", stderr) is not { } address) return null;
        if (address.AbsolutePath != "/")
        {
            stderr.WriteLine($"escalator: --listen expects scheme, host and port only, such as http://127.0.0.1:8786; found '{listen}'");
            return null;
        }
        Uri? reachable = null;
        if (publicUrl is not null && (reachable = Url(publicUrl, "--public-url", stderr)) is null) return null;
        var hooks = new List<Uri>();
        foreach (var text in webhooks)
        {
            if (Url(text, "--progress-webhook", stderr) is not { } hook) return null;
            hooks.Add(hook);
        }
        return new ServeSettings(Path.GetFullPath(state ?? CloudOptions.StateDirectory()), address) { PublicUrl = reachable, ProgressWebhooks = hooks };
    }

    private static Uri? Url(string text, string option, TextWriter stderr)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && (option != "--listen" || url.Scheme == "http")) return url;
        stderr.WriteLine(option == "--listen"
            ? $"escalator: --listen expects an http URL such as http://127.0.0.1:8786 (for TLS, put a proxy in front); found '{text}'"
            : $"escalator: {option} expects an absolute http or https URL; found '{text}'");
        return null;
    }

    private static ApiKeyFile? LoadKeys(string? path, TextWriter stderr, out bool failed)
    {
        failed = false;
        if (path is null) return null;
        var loaded = ApiKeysLoader.LoadFile(path);
        foreach (var d in loaded.Diagnostics) stderr.WriteLine(d);
        failed = !loaded.Ok;
        return loaded.Ok ? loaded.Value : null;
    }

    /// <summary>The cloud whose Keystone validates callers' tokens, when one is named (--os-cloud, --clouds-yaml, OS_CLOUD
    /// or OS_AUTH_URL); null otherwise, or after saying why it cannot be used.</summary>
    private static CloudConnection? Keystone(string? cloudName, string? cloudsYaml, TextWriter stderr, out bool failed)
    {
        failed = false;
        var named = cloudName ?? cloudsYaml ?? Environment.GetEnvironmentVariable("OS_CLOUD") ?? Environment.GetEnvironmentVariable("OS_AUTH_URL");
        if (string.IsNullOrWhiteSpace(named)) return null;
        var resolved = CloudConfigResolver.ResolveFromProcess(cloudName, cloudsYaml);
        try
        {
            if (resolved.Ok) return CloudConnection.Open(resolved.Config!, TimeProvider.System, new CloudCallOptions { Timeout = TimeSpan.FromSeconds(10), MaxRetries = 1 });
        }
        catch (CloudConfigException e)
        {
            resolved = CloudConfigResult.Failure(e.Message);
        }
        foreach (var error in resolved.Errors) stderr.WriteLine($"escalator: Keystone for serve: {error}");
        failed = true;
        return null;
    }

    /// <summary>Where served campaigns run: <c>simulated</c> (with the seed) or <c>openstack</c> (with the host commands).</summary>
    private sealed record Backend(string Name, string? Actions, int Seed);
}
