namespace Escalator.Service;

/// <summary>How <c>escalator serve</c> runs: where it listens and keeps its state, who may do what, where progress goes.</summary>
/// <param name="StateDirectory">Holds <c>journal.db</c> and <c>runs/RUN/</c> (the submitted files and the events), so runs
/// survive a restart.</param>
/// <param name="Listen">The URL Kestrel binds, such as <c>http://127.0.0.1:8786</c>; port 0 takes a free port.</param>
public sealed record ServeSettings(string StateDirectory, Uri Listen)
{
    /// <summary>The URL VNF managers reach this service at, when it differs from <see cref="Listen"/> (a proxy, 0.0.0.0).</summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>The role that may submit and control campaigns and answer for any VNF.</summary>
    public string OperatorRole { get; init; } = "admin";

    /// <summary>The role that may read; <c>member</c> and <see cref="OperatorRole"/> also read.</summary>
    public string ReaderRole { get; init; } = "reader";

    /// <summary>Where every event of every run is POSTed, besides each campaign's own webhooks.</summary>
    public IReadOnlyList<Uri> ProgressWebhooks { get; init; } = [];

    /// <summary>The longest the solver may think about a submitted plan.</summary>
    public TimeSpan SolverTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>On shutdown, how long running executions have to reach a step boundary and suspend.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one progress webhook POST may take.</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether a caller with <paramref name="roles"/> may read (GET).</summary>
    public bool MayRead(IReadOnlySet<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return MayOperate(roles) || roles.Contains(ReaderRole) || roles.Contains("member");
    }

    /// <summary>Whether a caller with <paramref name="roles"/> may submit and control campaigns.</summary>
    public bool MayOperate(IReadOnlySet<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return roles.Contains(OperatorRole);
    }
}
