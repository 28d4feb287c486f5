namespace Escalator.LiveBackend.OpenStack;

/// <summary>A resolved cloud configuration, or every reason it could not be resolved.</summary>
/// <remarks>Each error names the file or variable, the cloud and the field, and says what was expected.</remarks>
public sealed record CloudConfigResult(CloudConfig? Config, IReadOnlyList<string> Errors)
{
    public bool Ok => Config is not null && Errors.Count == 0;

    public static CloudConfigResult Success(CloudConfig config) => new(config, []);

    public static CloudConfigResult Failure(params string[] errors) => new(null, errors);
}
