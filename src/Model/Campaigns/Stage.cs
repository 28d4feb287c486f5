using System.Collections.Immutable;

namespace Escalator.Model.Campaigns;

/// <summary>A part of a campaign: which hosts (by selector), which components, after which stages, how and by what procedure.</summary>
public sealed record Stage(
    string Name,
    Selector Scope,
    ImmutableArray<string> Components,
    ImmutableArray<string> After,
    Strategy Strategy,
    string Procedure);
