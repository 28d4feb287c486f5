namespace Escalator.LiveBackend.OpenStack;

/// <summary>How Escalator proves who it is to Keystone: the <c>auth_type</c> of clouds.yaml.</summary>
public enum CloudAuthType
{
    /// <summary><c>password</c> (or <c>v3password</c>): a user name or id, its password, and a project to scope to.</summary>
    Password,

    /// <summary><c>v3applicationcredential</c>: an application credential's id (or name and user) and secret; the project is its own.</summary>
    ApplicationCredential,
}
