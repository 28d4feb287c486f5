using Escalator.Model.Campaigns;

namespace Escalator.Model.Yaml;

public static partial class CampaignWriter
{
    /// <summary>Writes the simulation section only where it differs from <see cref="SimulationSettings.Default"/>, key by key,
    /// since the loader reads every absent key as its default.</summary>
    private static void WriteSimulation(YamlOut yaml, SimulationSettings s)
    {
        var d = SimulationSettings.Default;
        if (s == d)
        {
            return;
        }
        yaml.Text("simulation").BeginMap();
        if (s.Durations != d.Durations)
        {
            yaml.Text("durations").BeginMap(flow: true);
            if (s.Durations.Distribution != d.Durations.Distribution)
            {
                yaml.Text("distribution").Plain(TopologyWriter.NameOf(CampaignLoader.DistributionNames, s.Durations.Distribution));
            }
            if (s.Durations.Cv != d.Durations.Cv) yaml.Text("cv").Number(s.Durations.Cv);
            yaml.EndMap();
        }
        if (s.MigrationGiBps != d.MigrationGiBps) yaml.Text("migrationGiBps").Number(s.MigrationGiBps);
        if (s.LiveMigration != d.LiveMigration) WriteLiveMigration(yaml.Text("liveMigration"), s.LiveMigration);
        if (s.ColdBootSeconds != d.ColdBootSeconds) yaml.Text("coldBoot").Duration(s.ColdBootSeconds);
        if (s.Faults != d.Faults) WriteFaults(yaml.Text("faults"), s.Faults);
        if (s.UpgradesPerYear != d.UpgradesPerYear) yaml.Text("upgradesPerYear").Number(s.UpgradesPerYear);
        if (s.StateGiB != d.StateGiB && s.StateGiB is { } state) yaml.Text("stateGiB").Number(state);
        if (s.TransferGiBps != d.TransferGiBps) yaml.Text("transferGiBps").Number(s.TransferGiBps);
        yaml.EndMap();
    }

    private static void WriteLiveMigration(YamlOut yaml, LiveMigrationSettings m)
    {
        var d = LiveMigrationSettings.Default;
        yaml.BeginMap(flow: true);
        if (m.MaxDowntimeSeconds != d.MaxDowntimeSeconds) yaml.Text("maxDowntime").Duration(m.MaxDowntimeSeconds);
        if (m.DowntimeSteps != d.DowntimeSteps) yaml.Text("downtimeSteps").Number(m.DowntimeSteps);
        if (m.DowntimeDelaySecondsPerGiB != d.DowntimeDelaySecondsPerGiB) yaml.Text("downtimeDelayPerGiB").Duration(m.DowntimeDelaySecondsPerGiB);
        if (m.CompletionTimeoutSecondsPerGiB != d.CompletionTimeoutSecondsPerGiB)
        {
            yaml.Text("completionTimeoutPerGiB").Duration(m.CompletionTimeoutSecondsPerGiB);
        }
        if (m.OnNonConvergence != d.OnNonConvergence)
        {
            yaml.Text("onNonConvergence").Plain(TopologyWriter.NameOf(CampaignLoader.NonConvergenceNames, m.OnNonConvergence));
        }
        if (m.MaxConcurrentPerHost != d.MaxConcurrentPerHost) yaml.Text("maxConcurrentPerHost").Number(m.MaxConcurrentPerHost);
        if (m.ResumeSeconds != d.ResumeSeconds) yaml.Text("resume").Duration(m.ResumeSeconds);
        if (m.OverheadSeconds != d.OverheadSeconds) yaml.Text("overhead").Duration(m.OverheadSeconds);
        yaml.EndMap();
    }

    private static void WriteFaults(YamlOut yaml, FaultRates f)
    {
        var d = FaultRates.None;
        yaml.BeginMap(flow: true);
        if (f.StepFails != d.StepFails) yaml.Text("stepFails").Number(f.StepFails);
        if (f.HostNotBack != d.HostNotBack) yaml.Text("hostNotBack").Number(f.HostNotBack);
        if (f.MigrationNoConvergence != d.MigrationNoConvergence) yaml.Text("migrationNoConvergence").Number(f.MigrationNoConvergence);
        if (f.VnfmSilent != d.VnfmSilent) yaml.Text("vnfmSilent").Number(f.VnfmSilent);
        if (f.HostFails != d.HostFails) yaml.Text("hostFails").Number(f.HostFails);
        yaml.EndMap();
    }
}
