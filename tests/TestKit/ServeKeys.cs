using System.Security.Cryptography;
using System.Text;

namespace Escalator.TestKit;

/// <summary>Local API keys for <c>escalator serve</c> in tests: four keys, the keys file that admits them (hashes only, as
/// the real file holds), and the hash of a key.</summary>
public static class ServeKeys
{
    public const string OperatorKey = "ops-7c1e0f4b9a";
    public const string ReaderKey = "reader-52d8e61a0c";
    public const string VnfmKey = "vnfm-functest-0b7f";
    public const string StrangerKey = "vnfm-other-9e3a";

    /// <summary>ops (admin), viewer (reader), vnfm-functest (member of functest, the project of minimal's vping), stranger (member of other).</summary>
    public static readonly string KeysYaml = $$"""
        keys:
          - {name: ops, sha256: {{Sha(OperatorKey)}}, roles: [admin]}
          - {name: viewer, sha256: {{Sha(ReaderKey)}}, roles: [reader]}
          - {name: vnfm-functest, sha256: {{Sha(VnfmKey)}}, roles: [member], project: functest}
          - {name: stranger, sha256: {{Sha(StrangerKey)}}, roles: [member], project: other}
        """;

    /// <summary>A key's SHA-256 as the keys file holds it: 64 lowercase hexadecimal digits.</summary>
    public static string Sha(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
