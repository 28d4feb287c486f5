using Escalator.LiveBackend.Backends;
using Escalator.LiveBackend.Coordination;
using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;
using Escalator.Model.Actions;

namespace Escalator.LiveBackend.OpenStack;

/// <summary>Runs a campaign on a live OpenStack cloud: <see cref="OpenStackBackend"/> with the operator's host commands,
/// and the VNFMs reached by webhook, their replies arriving in <paramref name="mailbox"/> (at Escalator's API, whose
/// reply URLs start with <paramref name="replyBase"/>).</summary>
/// <param name="http">For the VNFMs' webhooks and the campaign's HTTP checks.</param>
public sealed class OpenStackEngine(CloudConnection connection, HostCommands commands, VnfmMailbox mailbox, Uri replyBase, HttpClient http,
    TimeSpan? pollInterval = null) : IRunEngine
{
    public TimeProvider Time => connection.Time;

    public bool Durable => true;

    public ExecutionResult Execute(ExecutionRequest request, CampaignJournal journal, ExecutionOptions options, Action<ExecutionEvent> emit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var backend = new OpenStackBackend(connection, new HostActionRunner(commands, request.Campaign, http), pollInterval);
        var vnfm = new WebhookVnfm(request.Topology, http, mailbox, replyBase, connection.Time);
        var executor = new Executor(backend, journal, vnfm, request, options, emit);
        return Task.Run(() => executor.RunAsync(cancellationToken), cancellationToken).GetAwaiter().GetResult();
    }
}
