namespace Escalator.LiveBackend.OpenStack;

/// <summary>Where a cloud's Keystone is and how to log in to it, as clouds.yaml or the <c>OS_*</c> variables say.</summary>
/// <remarks>
/// Made by <see cref="CloudConfigResolver"/>, which checks that the fields the auth type needs are present: a
/// <see cref="CloudAuthType.Password"/> config has a user (name or id), a password and a project (name or id);
/// an <see cref="CloudAuthType.ApplicationCredential"/> config has a secret and an id, or a name and a user.
/// Secrets never appear in <see cref="ToString"/>.
/// </remarks>
public sealed record CloudConfig
{
    /// <summary>The cloud's name in clouds.yaml, or null when it came from <c>OS_*</c> variables.</summary>
    public string? CloudName { get; init; }

    /// <summary>Where it came from: a clouds.yaml path, or "OS_* environment".</summary>
    public required string Source { get; init; }

    /// <summary>Keystone's v3 root, such as <c>http://127.0.0.1:5000/v3</c>.</summary>
    public required Uri AuthUrl { get; init; }

    public CloudAuthType AuthType { get; init; } = CloudAuthType.Password;

    public string? Username { get; init; }

    public string? UserId { get; init; }

    public string? Password { get; init; }

    public string? UserDomainName { get; init; }

    public string? UserDomainId { get; init; }

    public string? ProjectName { get; init; }

    public string? ProjectId { get; init; }

    public string? ProjectDomainName { get; init; }

    public string? ProjectDomainId { get; init; }

    public string? ApplicationCredentialId { get; init; }

    public string? ApplicationCredentialName { get; init; }

    public string? ApplicationCredentialSecret { get; init; }

    /// <summary>The region whose endpoints are used; null takes the first endpoint of the right interface.</summary>
    public string? RegionName { get; init; }

    /// <summary>The endpoint interface: public, internal or admin.</summary>
    public string Interface { get; init; } = "public";

    /// <summary>A PEM bundle of CA certificates to trust for HTTPS (<c>cacert</c>, <c>OS_CACERT</c>); null: the system's.</summary>
    public string? CaCertFile { get; init; }

    /// <summary>Whether HTTPS certificates are checked (<c>verify: false</c> or <c>OS_INSECURE</c> turns it off).</summary>
    public bool VerifyTls { get; init; } = true;

    /// <summary>A name for messages: the cloud's name, or where the settings came from.</summary>
    public string DisplayName => CloudName ?? Source;

    public override string ToString()
    {
        var who = AuthType == CloudAuthType.Password
            ? $"user {Username ?? UserId}, project {ProjectName ?? ProjectId}"
            : $"application credential {ApplicationCredentialId ?? ApplicationCredentialName}";
        return $"cloud {DisplayName} ({Source}): {AuthUrl}, {who}, region {RegionName ?? "any"}, interface {Interface}";
    }
}
