namespace Escalator.LiveBackend.OpenStack;

/// <summary>Finds a cloud's configuration the way the OpenStack command-line tools do.</summary>
/// <remarks>
/// A cloud name (<c>--os-cloud</c>, else <c>OS_CLOUD</c>) is looked up in the first clouds.yaml that exists of
/// <c>OS_CLIENT_CONFIG_FILE</c>, <c>./clouds.yaml</c>, <c>~/.config/openstack/clouds.yaml</c> and
/// <c>/etc/openstack/clouds.yaml</c>, with the same cloud's entry in secure.yaml (same places, or
/// <c>OS_CLIENT_SECURE_FILE</c>) merged over it. Without a cloud name the <c>OS_*</c> variables are read.
/// A user or project named without a domain is in the domain <c>domain_name</c>/<c>domain_id</c> gives, else in
/// Keystone's <c>default</c> domain, as the openstack client assumes. The environment and the files are parameters,
/// so nothing here reads the process's own state except <see cref="ResolveFromProcess"/>.
/// </remarks>
public static partial class CloudConfigResolver
{
    /// <summary>Resolves a cloud from a name or the environment.</summary>
    /// <param name="cloudName">The <c>--os-cloud</c> value, or null to fall back to <c>OS_CLOUD</c> and then the <c>OS_*</c> variables.</param>
    /// <param name="environment">Reads an environment variable; null when unset.</param>
    /// <param name="cloudsFiles">Candidate clouds.yaml paths in search order; the first that exists is used.</param>
    /// <param name="secureFiles">Candidate secure.yaml paths in search order; none when null.</param>
    public static CloudConfigResult Resolve(string? cloudName, Func<string, string?> environment, IReadOnlyList<string> cloudsFiles,
        IReadOnlyList<string>? secureFiles = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(cloudsFiles);
        var name = NonEmpty(cloudName) ?? NonEmpty(environment("OS_CLOUD"));
        if (name is not null)
        {
            return FromCloudsYaml(name, cloudsFiles, secureFiles ?? []);
        }
        if (NonEmpty(environment("OS_AUTH_URL")) is not null)
        {
            return Build(Settings.FromEnvironment(environment), null, EnvironmentSource);
        }
        var defined = cloudsFiles.FirstOrDefault(File.Exists) is { } file && ReadClouds(file, out var clouds, out _) && clouds.Count > 0
            ? $"; {file} defines: {string.Join(", ", clouds.Keys)}"
            : "";
        return CloudConfigResult.Failure(
            $"no cloud given: pass --os-cloud NAME or set OS_CLOUD to use clouds.yaml, or set OS_AUTH_URL and the other OS_* variables{defined}");
    }

    /// <summary>Resolves with this process's environment, working directory and home, or with one explicit clouds.yaml.</summary>
    /// <param name="cloudsFile">A clouds.yaml to read instead of searching; it must exist.</param>
    public static CloudConfigResult ResolveFromProcess(string? cloudName, string? cloudsFile = null) =>
        Resolve(cloudName, Environment.GetEnvironmentVariable, cloudsFile, Environment.CurrentDirectory,
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>Resolves with the given environment, working directory and home, or with one explicit clouds.yaml.</summary>
    public static CloudConfigResult Resolve(string? cloudName, Func<string, string?> environment, string? cloudsFile, string currentDirectory,
        string homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (cloudsFile is not null && !File.Exists(cloudsFile))
        {
            return CloudConfigResult.Failure($"clouds.yaml '{cloudsFile}' does not exist");
        }
        var clouds = cloudsFile is not null ? [cloudsFile] : DefaultFiles(environment, currentDirectory, homeDirectory, "clouds.yaml", "OS_CLIENT_CONFIG_FILE");
        var secure = DefaultFiles(environment, currentDirectory, homeDirectory, "secure.yaml", "OS_CLIENT_SECURE_FILE");
        if (cloudsFile is not null)
        {
            secure = [Path.Combine(Path.GetDirectoryName(Path.GetFullPath(cloudsFile))!, "secure.yaml"), .. secure];
        }
        return Resolve(cloudName, environment, clouds, secure);
    }

    /// <summary>The search order of the OpenStack tools for <paramref name="fileName"/> (clouds.yaml or secure.yaml).</summary>
    /// <param name="overrideVariable">The variable naming a file that comes first (<c>OS_CLIENT_CONFIG_FILE</c>, <c>OS_CLIENT_SECURE_FILE</c>).</param>
    public static IReadOnlyList<string> DefaultFiles(Func<string, string?> environment, string currentDirectory, string homeDirectory,
        string fileName, string overrideVariable)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var files = new List<string>();
        if (NonEmpty(environment(overrideVariable)) is { } first) files.Add(first);
        files.Add(Path.Combine(currentDirectory, fileName));
        files.Add(Path.Combine(homeDirectory, ".config", "openstack", fileName));
        files.Add(Path.Combine("/etc/openstack", fileName));
        return files;
    }

    private const string EnvironmentSource = "OS_* environment";

    private static CloudConfigResult FromCloudsYaml(string name, IReadOnlyList<string> cloudsFiles, IReadOnlyList<string> secureFiles)
    {
        var file = cloudsFiles.FirstOrDefault(File.Exists);
        if (file is null)
        {
            return CloudConfigResult.Failure(
                $"cloud '{name}' asked for, but no clouds.yaml was found; looked in: {string.Join(", ", cloudsFiles)}");
        }
        if (!ReadClouds(file, out var clouds, out var error))
        {
            return CloudConfigResult.Failure(error!);
        }
        if (!clouds.TryGetValue(name, out var entry) || entry is not Dictionary<string, object?> cloud)
        {
            var known = clouds.Count == 0 ? "none" : string.Join(", ", clouds.Keys);
            return CloudConfigResult.Failure(clouds.ContainsKey(name)
                ? $"{file}: cloud '{name}' is not a mapping of settings"
                : $"{file}: cloud '{name}' not found; clouds defined: {known}");
        }
        var errors = new List<string>();
        foreach (var secure in secureFiles.Where(File.Exists).Take(1))
        {
            if (!ReadClouds(secure, out var secrets, out var secureError)) errors.Add(secureError!);
            else if (secrets.TryGetValue(name, out var extra) && extra is Dictionary<string, object?> extraMap) cloud = Merge(cloud, extraMap);
        }
        var result = Build(Settings.FromYaml(cloud, $"{file}: cloud '{name}'"), name, file);
        return errors.Count == 0 ? result : new CloudConfigResult(null, [.. errors, .. result.Errors]);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
