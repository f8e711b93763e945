// The partnership's instance on the workflow: every project raises its money on this one instance, so it handles many
// more inputs than any project. The simulated clock must still move: an instance shows only its latest handled inputs,
// and a project's award, handled long ago, must not be waited for again at every step.

using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Partnership;
using Rochford.Lsp.Reporting.Seed;
using static Rochford.Lsp.Workflow.Tests.ReportingCycleOrchestratorTests;

namespace Rochford.Lsp.Workflow.Tests;

public sealed class PartnershipWorkflowTests
{
    [Fact]
    public async Task ManyMovementsOnThePartnership_AfterAProjectsAward_DoNotStopTheClock_AndTheLedgerHasThemAll()
    {
        await using var host = await WorkflowHost.StartAsync();
        var others = Enumerable.Range(1, WorkflowStatus.HandledShown + 10).Select(i => $"X{i}").ToList();
        var start = new PartnershipStart(RochfordSeed.Contacts, CycleSettings.Default,
            [new StreamTotal(FundingStream.PerformanceRewardGrant, Money.Pounds(15_000 + 1_000 * others.Count))]);
        Assert.True(await host.Client.StartAsync(PartnershipCycle.InstanceId, start.ToJson(), WorkflowClock.Simulated, At(2010, 1, 4), default, PartnershipOrchestrator.Name));
        await host.WaitForStatusAsync(PartnershipCycle.InstanceId);
        await StartAsync(host, "ROC4");   // raises its £15,000 award on the partnership
        await host.Clock.WaitUntilHandledAsync([]);

        // More movements than the partnership shows as handled: ROC4's award drops out of its list, not out of ROC4's.
        var awards = others.Select(code => new WorkflowInput($"award-{code}", RecordFunding.Name,
            new RecordFunding(FundingStream.PerformanceRewardGrant, FundingMove.Award, $"{code}-award", code, Money.Pounds(1_000)).ToJson(), At(2010, 1, 5))).ToList();
        // Raised together (with one redelivered), they are decided together: each still its own transition, the repeat ignored.
        foreach (var award in awards.Append(awards[0]))
            await host.Client.RaiseAsync(PartnershipCycle.InstanceId, award);
        await host.Clock.WaitUntilHandledAsync(awards.Select(a => new SentInput(PartnershipCycle.InstanceId, a.InputId)));
        Assert.DoesNotContain("ROC4/1/0", (await host.Client.GetStatusAsync(PartnershipCycle.InstanceId))!.Handled);
        Assert.Contains(new SentInput(PartnershipCycle.InstanceId, "ROC4/1/0"), (await host.Client.GetStatusAsync("ROC4"))!.Sent);

        // The quarterly request goes out: the clock does not wait for ROC4's award again.
        await host.Clock.AdvanceToAsync(At(2010, 3, 17));

        await WorkflowHost.EventuallyAsync(() => Task.FromResult(host.Emails.Of(EmailTemplates.QuarterlyRequest).Count == 1), "ROC4's quarterly request");
        var ledger = (await new PartnershipRecord(host.Tables).GetAsync())!.State.LedgerOf(FundingStream.PerformanceRewardGrant)!;
        Assert.Equal((Money.Pounds(15_000 + 1_000 * others.Count), Money.Zero), (ledger.Awarded, ledger.Unallocated));
        Assert.Equal(Money.Pounds(15_000), ledger.AccountOf("ROC4").Unreleased);
        var recorded = (await host.HistoryAsync(PartnershipCycle.InstanceId)).Where(r => r.GetString("Type") == "FundingRecorded").ToList();
        Assert.Equal(others.Count + 1, recorded.Count);
        Assert.Equal(others.Count + 1, recorded.Select(r => r.GetInt64("Transition")).Distinct().Count());
        Assert.Equal(awards.Select(a => a.InputId).Order(), recorded.Select(r => r.GetString("InputId")).Where(id => id!.StartsWith("award-", StringComparison.Ordinal)).Order());
    }
}
