namespace Escalator.Model.Tests;

/// <summary>The replay seeds the model's properties were written with (<see cref="Properties"/>), kept so that each
/// property goes on checking the cases it always checked.</summary>
internal static class ModelProperties
{
    /// <summary>Plan expansion, durations and loader robustness.</summary>
    public const ulong PlansReplay = 20_251_122;

    /// <summary>The YAML writers, host ranges and the scenario generator.</summary>
    public const ulong YamlReplay = 20_260_611;
}
