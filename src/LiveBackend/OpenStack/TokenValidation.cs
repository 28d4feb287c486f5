namespace Escalator.LiveBackend.OpenStack;

/// <summary>Validation of other callers' tokens through a connection's Keystone session (the REST API's access control).</summary>
public static class TokenValidation
{
    /// <summary>Asks the cloud's Keystone who a caller's token belongs to; null when Keystone does not know it or refuses it.</summary>
    /// <exception cref="CloudFaultException">Keystone did not answer, or answered with an error other than 401 or 404.</exception>
    public static Task<ValidatedToken?> ValidateTokenAsync(this CloudConnection connection, string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Session.ValidateAsync(token, cancellationToken);
    }
}
