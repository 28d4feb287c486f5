using System.Net;
using System.Text.Json;

namespace Escalator.LiveBackend.OpenStack;

internal sealed partial class KeystoneSession
{
    /// <summary>Asks Keystone about a caller's token: <c>GET /v3/auth/tokens?nocatalog</c> with this session's token in
    /// <c>X-Auth-Token</c> and the caller's in <c>X-Subject-Token</c>. One attempt, bounded by the call timeout: the caller
    /// waits for the answer, and decides what to do when none comes.</summary>
    /// <returns>The caller's user, project, roles and expiry; null when Keystone does not know the token or it has expired
    /// (404), or refuses it (401, also after this session's own token was renewed once).</returns>
    /// <exception cref="CloudFaultException">Keystone did not answer, or answered otherwise (a 403: this session's user may
    /// not validate other users' tokens).</exception>
    internal async Task<ValidatedToken?> ValidateAsync(string subjectToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectToken);
        var own = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var answer = await SendValidationAsync(own, subjectToken, cancellationToken).ConfigureAwait(false);
        if (answer.Status == HttpStatusCode.Unauthorized)
        {
            // Keystone refuses the asker's token with 401 (a subject it does not know is a 404): ours may have been revoked.
            own = await RenewAsync(own, cancellationToken).ConfigureAwait(false);
            answer = await SendValidationAsync(own, subjectToken, cancellationToken).ConfigureAwait(false);
        }
        if (answer.Status is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized) return null;
        if (!answer.Succeeded)
        {
            throw answer.Fault(Service, answer.Status == HttpStatusCode.Forbidden
                ? $"the user of {Config.DisplayName} may not validate other users' tokens (Keystone's identity:validate_token policy; give it the admin or service role)"
                : null);
        }
        try
        {
            using var body = JsonDocument.Parse(answer.Body);
            var token = ParseToken(subjectToken, body.RootElement);
            return new ValidatedToken(token.UserId, token.ProjectId, token.ProjectName, token.Roles, token.ExpiresAt);
        }
        catch (JsonException e)
        {
            throw answer.Fault(Service, $"the token's body is not what Keystone sends: {e.Message}");
        }
    }

    private async Task<HttpAnswer> SendValidationAsync(KeystoneToken own, string subjectToken, CancellationToken cancellationToken)
    {
        var url = new Uri(Config.AuthUrl.AbsoluteUri.TrimEnd('/') + "/auth/tokens?nocatalog");
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Auth-Token", own.Value);
        request.Headers.TryAddWithoutValidation("X-Subject-Token", subjectToken);
        request.Headers.Accept.ParseAdd("application/json");
        return await HttpExchange.SendAsync(_http, Service, request, _options.Timeout, _time, cancellationToken).ConfigureAwait(false);
    }
}
