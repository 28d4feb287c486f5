namespace Escalator.LiveBackend.OpenStack;

public static partial class CloudConfigResolver
{
    private static readonly Dictionary<string, string> Interfaces = new(StringComparer.OrdinalIgnoreCase)
    {
        ["public"] = "public",
        ["publicURL"] = "public",
        ["internal"] = "internal",
        ["internalURL"] = "internal",
        ["admin"] = "admin",
        ["adminURL"] = "admin",
    };

    /// <summary>Checks one source's settings into a config, collecting every problem rather than stopping at the first.</summary>
    private static CloudConfigResult Build(Settings s, string? cloudName, string source)
    {
        var errors = new List<string>();
        void Error(string message) => errors.Add($"{s.Where}: {message}");

        var authType = ReadAuthType(s, Error);
        var authUrl = ReadAuthUrl(s, Error);
        var iface = s.Get("interface") ?? "public";
        if (!Interfaces.TryGetValue(iface, out var normalised))
        {
            Error($"{s.Name("interface")} is '{iface}'; expected public, internal or admin");
        }
        // verify is a boolean, or (as the openstack SDK allows) the path of a CA bundle.
        var verifyText = s.Get("verify");
        var verifyIsBool = verifyText is null || IsTrue(verifyText) || verifyText.ToLowerInvariant() is "0" or "false" or "no" or "off";
        var verify = verifyText is null || !verifyIsBool || IsTrue(verifyText);
        var cacert = s.Get("cacert") ?? (verifyIsBool ? null : verifyText);
        if (cacert is not null && !File.Exists(cacert))
        {
            Error($"{s.Name(s.Get("cacert") is null ? "verify" : "cacert")} names '{cacert}', which does not exist");
        }
        if (authType == CloudAuthType.Password) CheckPassword(s, Error);
        else if (authType == CloudAuthType.ApplicationCredential) CheckApplicationCredential(s, Error);
        if (errors.Count > 0 || authUrl is null || authType is null)
        {
            return new CloudConfigResult(null, errors);
        }
        return CloudConfigResult.Success(Assemble(s, authType.Value, authUrl) with
        {
            CloudName = cloudName,
            Source = source,
            Interface = normalised!,
            CaCertFile = cacert,
            VerifyTls = verify,
        });
    }

    /// <summary>The identity part of a config; a user or project named without a domain is in <c>domain_*</c>, else in <c>default</c>.</summary>
    private static CloudConfig Assemble(Settings s, CloudAuthType authType, Uri authUrl)
    {
        var defaultDomain = s.Get("domain_id") ?? (s.Get("domain_name") is null ? "default" : null);
        return new CloudConfig
        {
            Source = "",
            AuthUrl = authUrl,
            AuthType = authType,
            Username = s.Get("username"),
            UserId = s.Get("user_id"),
            Password = s.Get("password"),
            UserDomainName = s.Get("user_domain_name") ?? (s.Get("user_domain_id") is null ? s.Get("domain_name") : null),
            UserDomainId = s.Get("user_domain_id") ?? (s.Get("user_domain_name") is null ? defaultDomain : null),
            ProjectName = s.Get("project_name"),
            ProjectId = s.Get("project_id"),
            ProjectDomainName = s.Get("project_domain_name") ?? (s.Get("project_domain_id") is null ? s.Get("domain_name") : null),
            ProjectDomainId = s.Get("project_domain_id") ?? (s.Get("project_domain_name") is null ? defaultDomain : null),
            ApplicationCredentialId = s.Get("application_credential_id"),
            ApplicationCredentialName = s.Get("application_credential_name"),
            ApplicationCredentialSecret = s.Get("application_credential_secret"),
            RegionName = s.Get("region_name"),
        };
    }

    private static CloudAuthType? ReadAuthType(Settings s, Action<string> error)
    {
        var text = s.Get("auth_type") ?? "password";
        switch (text.ToLowerInvariant())
        {
            case "password" or "v3password":
                return CloudAuthType.Password;
            case "v3applicationcredential" or "applicationcredential" or "application_credential":
                return CloudAuthType.ApplicationCredential;
            default:
                error($"{s.Name("auth_type")} is '{text}'; expected password or v3applicationcredential");
                return null;
        }
    }

    /// <summary>Keystone's v3 root: a URL without a version gets <c>/v3</c>; v2.0 is refused.</summary>
    private static Uri? ReadAuthUrl(Settings s, Action<string> error)
    {
        var text = s.Get("auth_url");
        if (text is null)
        {
            error($"missing {s.Name("auth_url")}, the identity service's URL such as https://keystone.example:5000/v3");
            return null;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            error($"{s.Name("auth_url")} is '{text}'; expected an http or https URL");
            return null;
        }
        var path = url.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/v2.0", StringComparison.Ordinal))
        {
            error($"{s.Name("auth_url")} is '{text}', the identity v2.0 API; Escalator speaks v3 only");
            return null;
        }
        return new UriBuilder(url) { Path = path.EndsWith("/v3", StringComparison.Ordinal) ? path : path + "/v3" }.Uri;
    }

    private static void CheckPassword(Settings s, Action<string> error)
    {
        if (s.Get("username") is null && s.Get("user_id") is null)
        {
            error($"missing {s.Name("username")} (or {s.Name("user_id")}) for auth type password");
        }
        if (s.Get("password") is null)
        {
            error($"missing {s.Name("password")} for auth type password");
        }
        if (s.Get("project_name") is null && s.Get("project_id") is null)
        {
            error($"missing {s.Name("project_name")} (or {s.Name("project_id")}): Escalator needs a project-scoped token to see the service catalog");
        }
    }

    private static void CheckApplicationCredential(Settings s, Action<string> error)
    {
        if (s.Get("application_credential_secret") is null)
        {
            error($"missing {s.Name("application_credential_secret")} for auth type v3applicationcredential");
        }
        if (s.Get("application_credential_id") is null
            && (s.Get("application_credential_name") is null || s.Get("username") is null && s.Get("user_id") is null))
        {
            error($"missing {s.Name("application_credential_id")} (or {s.Name("application_credential_name")} with {s.Name("username")} or {s.Name("user_id")}) for auth type v3applicationcredential");
        }
    }
}
