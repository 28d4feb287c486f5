using System.Collections.Immutable;
using System.Net;
using Escalator.LiveBackend.Backends;
using Escalator.Model.Actions;
using Escalator.Model.Campaigns;

namespace Escalator.LiveBackend.Tests.Backends;

public sealed partial class HostActionRunnerTests
{
    [Fact]
    public async Task RunAsync_VerifyWithCommandCheck_RunsTemplateThenCheckWithTheHost()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "cmp-1.ok"), "");
        var runner = Runner("verify: echo verified {host}");

        var result = await runner.RunAsync(Action(StepAction.Verify) with { Checks = ["marked"] }, _bound.Token);

        Assert.Equal(new ActionResult(true, null, "verified cmp-1\nmarked cmp-1"), result);
    }

    [Fact]
    public async Task RunAsync_VerifyCheckFails_NamesTheCheckWithEveryOutput()
    {
        var runner = Runner("verify: echo verified {host}");

        var result = await runner.RunAsync(Action(StepAction.Verify, target: "cmp-2") with { Checks = ["marked"] }, _bound.Token);

        Assert.False(result.Ok);
        Assert.Equal("check marked failed (exit 1)", result.Error);
        Assert.Equal("verified cmp-2\nmissing cmp-2", result.Output);
    }

    [Fact]
    public async Task RunAsync_VerifyTemplateFails_ChecksNotRun()
    {
        var runner = Runner("verify: exit 2");

        var result = await runner.RunAsync(Action(StepAction.Verify) with { Checks = ["probe"] }, _bound.Token);

        Assert.Equal("the verify command exited with 2", result.Error);
        Assert.Empty(_probe.Requests);
    }

    [Fact]
    public async Task RunAsync_VerifyWithUrlCheck_ExpectedStatusIsHealthy()
    {
        _probe.Answer = _ => new HttpResponseMessage(HttpStatusCode.NoContent);
        var runner = Runner("upgrade: true");

        var result = await runner.RunAsync(Action(StepAction.Verify, target: "cmp 1/a") with { Checks = ["probe"] }, _bound.Token);

        Assert.Equal(new ActionResult(true, null, ""), result);
        var request = Assert.Single(_probe.Requests);
        Assert.Equal((HttpMethod.Get, "http://probe.test/health/cmp%201%2Fa"), (request.Method, request.RequestUri!.AbsoluteUri));
    }

    [Fact]
    public async Task RunAsync_UrlCheckAnswersAnotherStatus_FailsWithBoth()
    {
        _probe.Answer = _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        var runner = Runner("upgrade: true");

        var result = await runner.RunAsync(Action(StepAction.Verify) with { Checks = ["probe"] }, _bound.Token);

        Assert.Equal(new ActionResult(false, "check probe: http://probe.test/health/cmp-1 answered 503, expected 204", ""), result);
    }

    [Fact]
    public async Task RunAsync_UrlCheckUnreachable_SaysItDidNotAnswer()
    {
        _probe.Answer = _ => throw new HttpRequestException("connection refused");
        var runner = Runner("upgrade: true");

        var result = await runner.RunAsync(Action(StepAction.Verify) with { Checks = ["probe"] }, _bound.Token);

        Assert.Equal(new ActionResult(false, "check probe: http://probe.test/health/cmp-1 did not answer (connection refused)", ""), result);
    }

    [Fact]
    public async Task RunAsync_UrlCheckHangs_FailsAfterTheChecksTimeout()
    {
        _probe.Answer = _ => null;
        var runner = Runner("upgrade: true");

        var result = await runner.RunAsync(Action(StepAction.Verify) with { Checks = ["slow"] }, _bound.Token);

        Assert.Equal(new ActionResult(false, "check slow did not finish within 0.2 s", ""), result);
    }

    [Fact]
    public async Task RunAsync_StepCancelledDuringACheck_ThrowsRatherThanBlamingTheCheck()
    {
        _probe.Answer = _ => null;
        var runner = Runner("upgrade: true");
        using var step = new CancellationTokenSource();

        var run = runner.RunAsync(Action(StepAction.Verify) with { Checks = ["probe"] }, step.Token);
        await _probe.Arrived.Task.WaitAsync(_bound.Token);
        await step.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task RunAsync_SeveralChecks_StopsAtTheFirstFailureInOrder()
    {
        _probe.Answer = _ => new HttpResponseMessage(HttpStatusCode.NoContent);
        var runner = Runner("upgrade: true");

        var result = await runner.RunAsync(Action(StepAction.Verify, target: "cmp-9") with { Checks = ["probe", "marked", "slow"] }, _bound.Token);

        Assert.Equal(new ActionResult(false, "check marked failed (exit 1)", "missing cmp-9"), result);
        Assert.Single(_probe.Requests);
    }
}
