namespace Escalator.LiveBackend.OpenStack;

public static partial class CloudConfigResolver
{
    /// <summary>The settings of one source, read by the names clouds.yaml uses, each with the name its source gives it for messages.</summary>
    private sealed class Settings(Func<string, string?> get, Func<string, string> name, string where)
    {
        /// <summary>Settings that live under <c>auth:</c> in clouds.yaml; the rest are top level.</summary>
        private static readonly HashSet<string> AuthKeys = new(StringComparer.Ordinal)
        {
            "auth_url", "username", "user_id", "password", "project_name", "project_id", "user_domain_name", "user_domain_id",
            "project_domain_name", "project_domain_id", "domain_name", "domain_id", "application_credential_id",
            "application_credential_name", "application_credential_secret",
        };

        /// <summary>Older spellings both sources still accept.</summary>
        private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
        {
            ["project_name"] = "tenant_name",
            ["project_id"] = "tenant_id",
            ["interface"] = "endpoint_type",
        };

        /// <summary>Where the settings are, for messages: "FILE: cloud 'NAME'" or "OS_* environment".</summary>
        public string Where { get; } = where;

        /// <summary>A setting's value, trimmed; null when absent or blank.</summary>
        public string? Get(string key)
        {
            var value = get(key);
            if (string.IsNullOrWhiteSpace(value) && Aliases.TryGetValue(key, out var alias)) value = get(alias);
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        /// <summary>How the source spells a setting: <c>auth.auth_url</c> or <c>OS_AUTH_URL</c>.</summary>
        public string Name(string key) => name(key);

        public static Settings FromEnvironment(Func<string, string?> environment) =>
            new(key => key == "verify" ? Invert(environment("OS_INSECURE")) : environment(EnvironmentName(key)), EnvironmentName, EnvironmentSource);

        public static Settings FromYaml(Dictionary<string, object?> cloud, string where)
        {
            var auth = cloud.GetValueOrDefault("auth") as Dictionary<string, object?> ?? [];
            return new(key => Scalar(AuthKeys.Contains(key) ? auth : cloud, key), key => AuthKeys.Contains(key) ? $"auth.{key}" : key, where);
        }

        private static string EnvironmentName(string key) => key switch
        {
            "verify" => "OS_INSECURE",
            "region_name" => "OS_REGION_NAME",
            _ => "OS_" + key.ToUpperInvariant(),
        };

        private static string? Invert(string? insecure) => insecure is null ? null : IsTrue(insecure) ? "false" : "true";

        private static string? Scalar(Dictionary<string, object?> map, string key) => map.GetValueOrDefault(key) switch
        {
            string s => s,
            null => null,
            // A list or mapping where text belongs: report it as such rather than ignoring it.
            var other => $"<{(other is System.Collections.IList ? "a list" : "a mapping")}>",
        };
    }

    private static bool IsTrue(string value) => value.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";
}
