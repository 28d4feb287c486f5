using Escalator.LiveBackend.Coordination;
using Escalator.LiveBackend.Execution;
using Escalator.Service.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Escalator.Service;

/// <summary>The REST service (<c>escalator serve</c>): Kestrel on <see cref="ServeSettings.Listen"/> with the API's routes over a
/// <see cref="CampaignService"/>. Start it, read <see cref="Address"/>, stop it with <see cref="StopAsync"/>.</summary>
/// <remarks>What the process wires in: the settings, the engine of each execution, the caller authenticator, the clock and
/// the log. The service itself reads no option, environment variable or clock of its own.</remarks>
public sealed class ServeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private ServeHost(WebApplication app, CampaignService service, Uri address)
    {
        (_app, Service, Address) = (app, service, address);
    }

    internal CampaignService Service { get; }

    /// <summary>Where VNF managers' replies meet the notices awaiting them: a live engine registers its waits here.</summary>
    public VnfmMailbox Mailbox => Service.Mailbox;

    /// <summary>Where the server listens, with the port it was given when <see cref="ServeSettings.Listen"/> asked for port 0.</summary>
    public Uri Address { get; }

    /// <summary>Where VNF managers send their replies: <c>{public URL or address}/v1/maintenance/</c>, then <c>RUN/VNF</c>.</summary>
    /// <remarks>Ends with '/', so that <c>new Uri(ReplyBase, "RUN/VNF")</c> appends rather than replaces its last segment.</remarks>
    public Uri ReplyBase => new($"{(Service.Settings.PublicUrl ?? Address).AbsoluteUri.TrimEnd('/')}/v1/maintenance/");

    /// <summary>Builds the service and starts listening.</summary>
    /// <exception cref="IOException">The address cannot be bound (in use, not local), or the state directory is unusable.</exception>
    public static async Task<ServeHost> StartAsync(ServeSettings settings, Func<ExecutionRequest, IRunEngine> engines, CallerAuthenticator authenticator,
        TimeProvider time, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var service = new CampaignService(settings, engines, time, log);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = ServeApi.MaxSubmission;
        });
        builder.WebHost.UseUrls(settings.Listen.GetLeftPart(UriPartial.Authority));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        ServeApi.Map(app, service, authenticator);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            service.Dispose();
            throw;
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServeHost(app, service, new Uri(bound));
    }

    /// <summary>Stops gracefully: running executions suspend at a step boundary (bounded, see
    /// <see cref="ServeSettings.ShutdownGrace"/>) while the API still takes VNFM replies, then the server stops.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await Service.ShutdownAsync().ConfigureAwait(false);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5), Service.Time);
        await _app.StopAsync(bound.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Service.Dispose();
    }
}
