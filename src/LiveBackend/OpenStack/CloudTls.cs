using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>The HTTP handler of a cloud: its own CA bundle (<c>cacert</c>) or no certificate checks (<c>verify: false</c>) when asked.</summary>
internal static class CloudTls
{
    /// <exception cref="CloudConfigException">The CA bundle cannot be read.</exception>
    public static SocketsHttpHandler CreateHandler(CloudConfig config, TimeSpan connectTimeout)
    {
        ArgumentNullException.ThrowIfNull(config);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        if (!config.VerifyTls)
        {
            TrustEverything(handler);
        }
        else if (config.CaCertFile is { } file)
        {
            var authorities = ReadBundle(file);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, authorities);
        }
        return handler;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5359",
        Justification = "The user turned certificate checks off (verify: false, OS_INSECURE), as the openstack client allows.")]
    private static void TrustEverything(SocketsHttpHandler handler) =>
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;

    private static X509Certificate2Collection ReadBundle(string file)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new CloudConfigException($"the CA bundle '{file}' cannot be read: {e.Message}", e);
        }
        return authorities.Count > 0 ? authorities : throw new CloudConfigException($"the CA bundle '{file}' holds no PEM certificate");
    }

    /// <summary>A certificate is good when the system trusts it, or when it chains to one of the bundle's authorities with a matching name.</summary>
    private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
