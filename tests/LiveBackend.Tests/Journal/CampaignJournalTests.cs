using Escalator.LiveBackend.Execution;
using Escalator.LiveBackend.Journal;

namespace Escalator.LiveBackend.Tests.Journal;

public sealed class CampaignJournalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("escalator-journal-").FullName;
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

    private string File => Path.Combine(_dir, "journal.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Complete_IntentThenOutcome_EntryCarriesBothInOrder()
    {
        using var journal = CampaignJournal.Open(File, _time);
        journal.BeginRun("c1", "rolling", "cloud", "{}");

        var first = journal.Intend("c1", new StepRef(1, "cmp-1", 0), "enter-maintenance", "disable cmp-1");
        _time.Advance(TimeSpan.FromSeconds(3));
        journal.Complete(first, ActionOutcome.Ok);
        var second = journal.Intend("c1", new StepRef(1, "cmp-1", 1), "evacuate", "live-migrate vm-1");
        journal.Complete(second, ActionOutcome.Failed, "NOVA-409: migration error");

        var entries = journal.Entries("c1");
        Assert.Equal([first, second], entries.Select(e => e.Id));
        Assert.Equal(ActionOutcome.Ok, entries[0].Outcome);
        Assert.Equal(entries[0].Intended + TimeSpan.FromSeconds(3), entries[0].Finished);
        Assert.Equal("NOVA-409: migration error", entries[1].Error);
    }

    [Fact]
    public void StateOf_RunStoppedDuringAnAction_InFlightAfterReopening()
    {
        var step = new StepRef(2, "cmp-3", 4);
        using (var journal = CampaignJournal.Open(File, _time))
        {
            journal.BeginRun("c1", "rolling", "cloud", "{}");
            journal.Complete(journal.Intend("c1", new StepRef(2, "cmp-3", 3), "backup", "back up /etc"), ActionOutcome.Ok);
            journal.Intend("c1", step, "upgrade", "upgrade host-os");
        }

        using var reopened = CampaignJournal.Open(File, _time);

        Assert.Equal(StepState.Done, reopened.StateOf("c1", new StepRef(2, "cmp-3", 3)));
        Assert.Equal(StepState.InFlight, reopened.StateOf("c1", step));
        Assert.Equal(StepState.NotStarted, reopened.StateOf("c1", new StepRef(2, "cmp-3", 5)));
        Assert.Equal(step, Assert.Single(reopened.InFlight("c1")).Step);
    }

    [Fact]
    public void StateOf_RetriedStep_FollowsTheLatestAttempt()
    {
        using var journal = CampaignJournal.Open(File, _time);
        var step = new StepRef(1, "cmp-1", 0);
        journal.Complete(journal.Intend("c1", step, "verify", "run checks"), ActionOutcome.Failed, "check failed");

        journal.Intend("c1", step, "verify", "run checks (retry)");

        Assert.Equal(StepState.InFlight, journal.StateOf("c1", step));
    }

    [Fact]
    public void StateOf_LatestAttemptFailed_NotStartedSoItIsDoneAgain()
    {
        using var journal = CampaignJournal.Open(File, _time);
        var step = new StepRef(1, "cmp-1", 0);

        journal.Complete(journal.Intend("c1", step, "upgrade", "x"), ActionOutcome.Failed, "exit code 2");

        Assert.Equal(StepState.NotStarted, journal.StateOf("c1", step));
    }

    [Fact]
    public void RequestControl_LatestWinsUntilCleared()
    {
        using var journal = CampaignJournal.Open(File, _time);

        journal.RequestControl("c1", ControlRequest.Suspend);
        journal.RequestControl("c1", ControlRequest.Abort);
        var pending = journal.PendingControl("c1");
        journal.ClearControl("c1");

        Assert.Equal(ControlRequest.Abort, pending);
        Assert.Null(journal.PendingControl("c1"));
        Assert.Null(journal.PendingControl("other"));
    }

    [Fact]
    public void Complete_Twice_Throws()
    {
        using var journal = CampaignJournal.Open(File, _time);
        var entry = journal.Intend("c1", new StepRef(1, "h", 0), "upgrade", "x");
        journal.Complete(entry, ActionOutcome.Ok);

        var twice = Assert.Throws<InvalidOperationException>(() => journal.Complete(entry, ActionOutcome.Failed));

        Assert.Contains($"entry {entry}", twice.Message);
    }

    [Fact]
    public void BeginRun_SameCampaignAgain_IsAResumeKeepingThePlan()
    {
        using var journal = CampaignJournal.Open(File, _time);

        Assert.True(journal.BeginRun("c1", "rolling", "cloud", "{\"waves\":1}"));
        journal.SetRunState("c1", RunState.Suspended);
        Assert.False(journal.BeginRun("c1", "rolling", "cloud", "{\"waves\":2}"));

        Assert.Equal("{\"waves\":1}", journal.PlanOf("c1"));
        Assert.Equal(RunState.Suspended, journal.StateOfRun("c1"));
        Assert.Null(journal.StateOfRun("other"));
    }

    [Fact]
    public void StillDisabled_OnlyWhatThisRunDisabledAndDidNotEnable()
    {
        using var journal = CampaignJournal.Open(File, _time);
        journal.RecordDisabled("c1", "cmp-1", "nova-compute", "escalator c1: upgrade");
        journal.RecordDisabled("c1", "cmp-2", "nova-compute", "escalator c1: upgrade");
        journal.RecordDisabled("c2", "cmp-9", "nova-compute", "escalator c2");

        Assert.True(journal.RecordReenabled("c1", "cmp-1", "nova-compute"));
        Assert.False(journal.RecordReenabled("c1", "cmp-1", "nova-compute"));
        Assert.False(journal.RecordReenabled("c1", "cmp-7", "nova-compute"));

        var still = Assert.Single(journal.StillDisabled("c1"));
        Assert.Equal("cmp-2", still.Host);
        Assert.Equal(2, journal.DisabledBy("c1").Count);
        Assert.NotNull(journal.DisabledBy("c1").Single(d => d.Host == "cmp-1").ReenabledAt);
    }

    [Fact]
    public void TryLock_HeldByAnotherRun_ReturnsItsHolderUntilTheLeaseExpires()
    {
        using var mine = CampaignJournal.Open(File, _time);
        using var theirs = CampaignJournal.Open(File, _time);
        Assert.Null(theirs.TryLock("cloud", "c1", "host-a:100", TimeSpan.FromMinutes(2)));

        var held = mine.TryLock("cloud", "c2", "host-b:200", TimeSpan.FromMinutes(2));
        _time.Advance(TimeSpan.FromMinutes(3));
        var taken = mine.TryLock("cloud", "c2", "host-b:200", TimeSpan.FromMinutes(2));

        Assert.Equal("host-a:100", held!.Holder);
        Assert.Equal("c1", held.Campaign);
        Assert.Null(taken);
        Assert.Equal("c2", mine.Holder("cloud")!.Campaign);
        Assert.False(theirs.Unlock("cloud", "host-a:100"));
        Assert.True(mine.Unlock("cloud", "host-b:200"));
        Assert.Null(mine.Holder("cloud"));
    }

    [Fact]
    public void Interrupted_StepTakenUpAgain_EndsOnlyItsLooseEntriesAndStaysInFlightUntilTheNewAttempt()
    {
        var step = new StepRef(2, "cmp-3", 4);
        using var journal = CampaignJournal.Open(File, _time);
        journal.BeginRun("c1", "rolling", "cloud", "{}");
        var backup = journal.Intend("c1", new StepRef(2, "cmp-3", 3), "backup", "back up /etc");
        journal.Intend("c1", step, "upgrade", "upgrade host-os");
        journal.Intend("c1", new StepRef(2, "cmp-4", 4), "upgrade", "upgrade host-os");

        journal.Interrupted("c1", step);

        Assert.Equal(ActionOutcome.Interrupted, journal.Entries("c1").Single(e => e.Step == step).Outcome);
        Assert.Equal("cmp-4", Assert.Single(journal.InFlight("c1"), e => e.Id != backup).Step.Target);
        Assert.Equal(StepState.InFlight, journal.StateOf("c1", step));
    }

    [Fact]
    public void TryLock_HolderKnownDead_TakenOverBeforeTheLeaseExpires()
    {
        using var journal = CampaignJournal.Open(File, _time);
        journal.TryLock("cloud", "c1", "host-a:100", TimeSpan.FromMinutes(10));

        var alive = journal.TryLock("cloud", "c1", "host-a:200", TimeSpan.FromMinutes(10), deadHolder: "host-a:999");
        var dead = journal.TryLock("cloud", "c1", "host-a:200", TimeSpan.FromMinutes(10), deadHolder: "host-a:100");

        Assert.Equal("host-a:100", alive!.Holder);
        Assert.Null(dead);
        Assert.Equal("host-a:200", journal.Holder("cloud")!.Holder);
    }

    [Fact]
    public void ProcessGone_ThisProcessAndOtherMachines_NotGone_AnEndedPidGone()
    {
        using var ended = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
        ended.WaitForExit();

        Assert.False(ExecutionOptions.ProcessGone(ExecutionOptions.ThisProcess()));
        Assert.False(ExecutionOptions.ProcessGone($"another-machine:{ended.Id}"));
        Assert.False(ExecutionOptions.ProcessGone("no pid here"));
        Assert.True(ExecutionOptions.ProcessGone($"{Environment.MachineName}:{ended.Id}"));
    }

    [Fact]
    public void TryLock_SameHolder_RenewsTheLease()
    {
        using var journal = CampaignJournal.Open(File, _time);
        journal.TryLock("cloud", "c1", "me", TimeSpan.FromMinutes(2));
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Null(journal.TryLock("cloud", "c1", "me", TimeSpan.FromMinutes(2)));

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(2), journal.Holder("cloud")!.Expires);
    }

    [Fact]
    public void Open_NotAJournal_ThrowsNamingTheFile()
    {
        System.IO.File.WriteAllText(File, "this is not a database, it is a text file that happens to be long enough to have a header");

        var error = Assert.Throws<JournalException>(() => CampaignJournal.Open(File, _time));

        Assert.Contains(File, error.Message);
        Assert.Contains("journal", error.Message);
    }

    [Fact]
    public void Open_NewerFormat_RefusedRatherThanMisread()
    {
        using (var journal = CampaignJournal.Open(File, _time)) { }
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={File};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "UPDATE meta SET value = '99' WHERE key = 'format'";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<JournalException>(() => CampaignJournal.Open(File, _time));

        Assert.Contains("format 99", error.Message);
    }
}
