using Escalator.LiveBackend.Coordination;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;
using Escalator.Model.Semantics;
using Escalator.Simulator.Engine;

namespace Escalator.LiveBackend.Simulated;

/// <summary>VNF managers of a dry run: each replies ACK after a drawn delay (a switchover takes the VNF's switchover
/// time); with faults on, a VNFM stays silent at the campaign's rate.</summary>
public sealed class SimulatedVnfm : IVnfmCoordinator
{
    private readonly Simulation _simulation;
    private readonly SimulationSettings _settings;
    private readonly DurationSampler _sampler;
    private readonly bool _faults;
    private readonly Dictionary<VnfId, Vnf> _vnfs;
    private readonly List<VnfmNotice> _received = [];

    public SimulatedVnfm(DataCentre dataCentre, Campaign campaign, Simulation simulation, int seed, bool faults)
    {
        ArgumentNullException.ThrowIfNull(dataCentre);
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(simulation);
        _simulation = simulation;
        _settings = campaign.Simulation;
        _sampler = new DurationSampler(new Random(unchecked(seed * 31 + 7)), new Spread(_settings.Durations));
        _faults = faults;
        _vnfs = dataCentre.Vnfs.ToDictionary(v => v.Id);
    }

    /// <summary>The notices received, in order.</summary>
    public IReadOnlyList<VnfmNotice> Received => _received;

    public async Task<VnfmReply> NotifyAsync(VnfmNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        _received.Add(notice);
        if (!notice.WaitReply) return new VnfmReply(VnfmAnswer.Sent);
        var vnf = _vnfs[notice.Vnf];
        var seconds = notice.Action == "switchover" && vnf.SwitchoverSeconds > 0 ? vnf.SwitchoverSeconds : _sampler.Draw(_settings.VnfmReplySeconds);
        var silent = _faults && _sampler.Chance(_settings.Faults.VnfmSilent);
        try
        {
            await Task.Delay(silent ? System.Threading.Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(seconds), _simulation.Time, cancellationToken).ConfigureAwait(true);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new VnfmReply(VnfmAnswer.Timeout);
        }
        return new VnfmReply(VnfmAnswer.Ack);
    }
}
