using System.CommandLine;
using Escalator.LiveBackend.OpenStack;

namespace Escalator.Cli.Commands;

/// <summary>The options that name a live cloud, as the OpenStack tools read them.</summary>
internal static class CloudOptions
{
    public static Option<string?> OsCloud() => new("--os-cloud")
    {
        Description = "the cloud's name in clouds.yaml (default: $OS_CLOUD; without either, the OS_* variables)",
        HelpName = "NAME",
    };

    public static Option<string?> CloudsYaml() => new("--clouds-yaml")
    {
        Description = "read this clouds.yaml instead of searching $OS_CLIENT_CONFIG_FILE, ./, ~/.config/openstack/ and /etc/openstack/",
        HelpName = "FILE",
    };

    /// <summary>The cloud's configuration, or null after writing why there is none.</summary>
    public static CloudConfig? Resolve(string? cloudName, string? cloudsYaml, TextWriter stderr)
    {
        var resolved = CloudConfigResolver.ResolveFromProcess(cloudName, cloudsYaml);
        if (resolved.Ok) return resolved.Config!;
        foreach (var error in resolved.Errors) stderr.WriteLine($"escalator: {error}");
        return null;
    }

    /// <summary>Where Escalator keeps its state on this machine: <c>$XDG_STATE_HOME/escalator</c>, else <c>~/.local/state/escalator</c>.</summary>
    public static string StateDirectory() =>
        Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? Path.Combine(xdg, "escalator")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "escalator");
}
