using Escalator.LiveBackend.Backends;
using Escalator.LiveBackend.Coordination;
using Escalator.Model.Campaigns;
using Escalator.Model.Topology;
using Escalator.Model.Semantics;
using Escalator.Simulator.Engine;

namespace Escalator.LiveBackend.Simulated;

/// <summary>VNF managers of a dry run: each replies ACK (or, to a notice that wants no reply, takes its delivery) after
/// the notice's expected time, drawn — the plan's notify step's, or its switchover's; with faults on, a VNFM stays silent
/// at the campaign's rate.</summary>
public sealed class SimulatedVnfm : IVnfmCoordinator
{
    private readonly Simulation _simulation;
    private readonly SimulationSettings _settings;
    private readonly DurationSampler _sampler;
    private readonly bool _faults;
    private readonly List<VnfmNotice> _received = [];
    private readonly Dictionary<VnfId, Vnf> _vnfs;

    /// <param name="expected">Every delay at its expected value instead of a draw.</param>
    public SimulatedVnfm(DataCentre dataCentre, Campaign campaign, Simulation simulation, int seed, bool faults, bool expected = false)
    {
        ArgumentNullException.ThrowIfNull(dataCentre);
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(simulation);
        _simulation = simulation;
        _settings = campaign.Simulation;
        _sampler = new DurationSampler(new Random(unchecked(seed * 31 + 7)), new DurationModel(_settings).SpreadFor(expected));
        _faults = faults;
        _vnfs = dataCentre.Vnfs.ToDictionary(v => v.Id);
    }

    /// <summary>The notices received, in order.</summary>
    public IReadOnlyList<VnfmNotice> Received => _received;

    public async Task<VnfmReply> NotifyAsync(VnfmNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        _received.Add(notice);
        var seconds = _sampler.Draw(notice.ExpectedSeconds);
        if (!notice.WaitReply)
        {
            await _simulation.Time.DelayAsync(TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(true);
            return new VnfmReply(VnfmAnswer.Sent);
        }
        // A reply that does not come within the VNF's reply timeout is none (as the webhook's wait is bounded).
        var bound = _vnfs[notice.Vnf].Coordination.ReplyTimeoutSeconds;
        var silent = (_faults && _sampler.Chance(_settings.Faults.VnfmSilent)) || seconds >= bound;
        try
        {
            await _simulation.Time.DelayAsync(TimeSpan.FromSeconds(silent ? bound : seconds), cancellationToken).ConfigureAwait(true);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new VnfmReply(VnfmAnswer.Timeout);
        }
        return new VnfmReply(silent ? VnfmAnswer.Timeout : VnfmAnswer.Ack, silent ? $"no reply within the VNF's reply timeout of {bound:0.#} s" : null);
    }
}
