using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Escalator.LiveBackend.OpenStack;

internal sealed partial class KeystoneSession
{
    /// <summary>The body of <c>POST /v3/auth/tokens</c> for the config's auth type.</summary>
    internal static JsonObject AuthBody(CloudConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var identity = config.AuthType == CloudAuthType.Password
            ? new JsonObject
            {
                ["methods"] = new JsonArray("password"),
                ["password"] = new JsonObject { ["user"] = User(config, config.Password) },
            }
            : new JsonObject
            {
                ["methods"] = new JsonArray("application_credential"),
                ["application_credential"] = ApplicationCredential(config),
            };
        var auth = new JsonObject { ["identity"] = identity };
        if (config.AuthType == CloudAuthType.Password)
        {
            auth["scope"] = new JsonObject { ["project"] = Named(config.ProjectId, config.ProjectName, config.ProjectDomainId, config.ProjectDomainName) };
        }
        return new JsonObject { ["auth"] = auth };
    }

    private static JsonObject User(CloudConfig c, string? password)
    {
        var user = Named(c.UserId, c.Username, c.UserDomainId, c.UserDomainName);
        if (password is not null) user["password"] = password;
        return user;
    }

    private static JsonObject ApplicationCredential(CloudConfig c)
    {
        var credential = c.ApplicationCredentialId is { } id
            ? new JsonObject { ["id"] = id }
            : new JsonObject { ["name"] = c.ApplicationCredentialName, ["user"] = User(c, null) };
        credential["secret"] = c.ApplicationCredentialSecret;
        return credential;
    }

    /// <summary>An entity by id, or by name within a domain (by id or name).</summary>
    private static JsonObject Named(string? id, string? name, string? domainId, string? domainName)
    {
        if (id is not null) return new JsonObject { ["id"] = id };
        var domain = domainId is not null ? new JsonObject { ["id"] = domainId } : new JsonObject { ["name"] = domainName };
        return new JsonObject { ["name"] = name, ["domain"] = domain };
    }

    /// <summary>Reads Keystone's token body: times, user, project, roles and the catalog.</summary>
    internal static KeystoneToken ParseToken(string value, JsonElement root)
    {
        var token = root.Field("token") ?? throw new JsonException("no 'token' object");
        var issued = token.Time("issued_at") ?? throw new JsonException("no 'issued_at'");
        var expires = token.Time("expires_at") ?? throw new JsonException("no 'expires_at'");
        var user = token.Field("user");
        var project = token.Field("project");
        var roles = token.Items("roles").Select(r => r.Str("name")).OfType<string>().ToImmutableArray();
        var catalog = ImmutableArray.CreateBuilder<CatalogEndpoint>();
        foreach (var service in token.Items("catalog"))
        {
            var type = service.Str("type") ?? "";
            foreach (var endpoint in service.Items("endpoints"))
            {
                if (Uri.TryCreate(endpoint.Str("url"), UriKind.Absolute, out var url))
                {
                    catalog.Add(new CatalogEndpoint(type, service.Str("name") ?? type, endpoint.Str("interface") ?? "public",
                        endpoint.Str("region_id") ?? endpoint.Str("region"), url));
                }
            }
        }
        return new KeystoneToken(value, issued, expires, user?.Str("id") ?? "", project?.Str("id"), project?.Str("name"), roles, catalog.ToImmutable());
    }
}
