namespace Escalator.Service.Access;

/// <summary>The outcome of checking a request's token: the caller, or why there is none (401: no token or an invalid one;
/// 503: the identity service could not say, and no earlier validation of the token is at hand).</summary>
internal sealed record Authentication(Caller? Caller, int Status, string Code, string Message)
{
    public static Authentication Of(Caller caller) => new(caller, 200, "", "");

    public static readonly Authentication Missing = new(null, 401, "unauthorized", "no token: send it in the X-Auth-Token header");

    public static readonly Authentication Invalid = new(null, 401, "unauthorized", "the token is not valid (unknown, expired or revoked)");

    public static Authentication Unavailable(string why) => new(null, 503, "identity-unavailable", why);
}
