using System.Collections.Immutable;
using Escalator.Model.Diagnostics;
using Escalator.Model.Yaml;

namespace Escalator.Model.Actions;

/// <summary>Reads a host commands file (<c>escalator run --actions FILE</c>), reporting every problem with its position.</summary>
/// <example>
/// <code>
/// upgrade: ansible-playbook -i inventory upgrade.yml --limit {host} -e "{components}"
/// verify: ./check-host.sh {host}
/// rollback: ansible-playbook -i inventory downgrade.yml --limit {host} -e "{components}"
/// workdir: /srv/upgrade
/// env: { ANSIBLE_FORCE_COLOR: "0" }
/// </code>
/// </example>
public static class HostCommandsLoader
{
    private static readonly string[] Placeholders = ["host", "components", "campaign", "wave", "action"];

    public static Loaded<HostCommands> LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FileText.Read(path, out var text, out var missing) ? Parse(path, text) : new(null, [missing!], SourceMap.Empty);
    }

    public static Loaded<HostCommands> Parse(string fileName, string text)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var bag = new DiagnosticBag();
        var (file, root) = YamlFile.Parse(fileName, text, bag, [.. HostCommands.Actions, "workdir", "env"]);
        if (root is null) return new(null, [.. bag.Sorted()], file.Sources);
        var commands = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var action in HostCommands.Actions)
        {
            if (root.String(action) is not { } template) continue;
            if (string.IsNullOrWhiteSpace(template))
            {
                file.ErrorAt(DiagnosticCodes.BadValue, $"expected a command for {action}; found an empty string", action);
                continue;
            }
            CheckPlaceholders(file, template, action);
            commands[action] = template;
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? ".";
        var workdir = WorkingDirectory(file, root.String("workdir"), folder);
        var environment = root.StringMap("env").ToImmutableSortedDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        root.Finish();
        if (commands.Count == 0 && !bag.HasErrors)
        {
            bag.Error(DiagnosticCodes.MissingKey, $"expected at least one command, for one of {string.Join(", ", HostCommands.Actions)}; found none",
                new SourceLocation(fileName, 1, 1), "");
        }
        return new(new HostCommands(commands.ToImmutable(), workdir, environment), [.. bag.Sorted()], file.Sources);
    }

    /// <summary>The working directory, relative to the file's folder; the folder after reporting a path no file system takes.</summary>
    private static string WorkingDirectory(YamlFile file, string? workdir, string folder)
    {
        if (workdir is null) return folder;
        if (workdir.Contains('\0', StringComparison.Ordinal))
        {
            file.ErrorAt(DiagnosticCodes.BadValue, "expected a folder; found a path with a NUL character", "workdir");
            return folder;
        }
        return Path.GetFullPath(workdir, folder);
    }

    /// <summary>Reports a <c>{name}</c> that is not a placeholder (a typo would otherwise reach the shell).</summary>
    private static void CheckPlaceholders(YamlFile file, string template, string action)
    {
        var at = 0;
        while ((at = template.IndexOf('{', at)) >= 0)
        {
            var end = template.IndexOf('}', at);
            if (end < 0) return;
            var name = template[(at + 1)..end];
            // ${NAME} is the shell's own parameter expansion (such as ${ESCALATOR_HOST}), left to the shell.
            var shellVariable = at > 0 && template[at - 1] == '$';
            if (!shellVariable && name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !Placeholders.Contains(name))
            {
                file.ErrorAt(DiagnosticCodes.BadValue,
                    $"unknown placeholder {{{name}}}{Suggestions.Hint(name, Placeholders)} (expected one of {string.Join(", ", Placeholders.Select(p => $"{{{p}}}"))})", action);
            }
            at = end + 1;
        }
    }
}
