// Issue 20, "money inputs idempotent for ever" (ARCHITECTURE.md rule 3): the runtime remembers only the last 500 input ids
// (WorkflowCarry.HandledLimit); a "money received" or "payment released" form posted again after more inputs than that
// must still change nothing. On the in-memory engine (real replay, ContinueAsNew), on a simulated clock.
// Run: dotnet test tests/Rochford.Lsp.Workflow.Tests --filter MoneyInputsTests

using System.Text.Json;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Partnership;
using Rochford.Lsp.Reporting.Seed;
using static Rochford.Lsp.Workflow.Tests.ReportingCycleOrchestratorTests;

namespace Rochford.Lsp.Workflow.Tests;

public sealed class MoneyInputsTests
{
    private const int OtherInputs = 600;

    private static readonly object OfficerA = new { RochfordSeed.Contacts.Officers[0].Name, RochfordSeed.Contacts.Officers[0].Email };

    [Fact]
    public async Task MoneyReceived_PostedAgainAfter600OtherInputs_IsCountedOnce()
    {
        Assert.True(OtherInputs > WorkflowCarry.HandledLimit);
        await using var host = await WorkflowHost.StartAsync();
        var start = new PartnershipStart(RochfordSeed.Contacts, CycleSettings.Default, [new StreamTotal(FundingStream.PerformanceRewardGrant, Money.Pounds(100_000))]);
        Assert.True(await host.Client.StartAsync(PartnershipCycle.InstanceId, start.ToJson(), WorkflowClock.Simulated, At(2010, 1, 4), default, PartnershipOrchestrator.Name));
        await host.WaitForStatusAsync(PartnershipCycle.InstanceId);
        var received = new WorkflowInput("web:ReceiveFunding:form-1:0123456789ABCDEF", ReceiveFunding.Name,
            JsonSerializer.Serialize(new { Officer = OfficerA, Stream = "PerformanceRewardGrant", Amount = "£25,000", Reference = "PRG 2010-11 top-up" }), At(2010, 4, 6));
        await RaiseAndWaitAsync(host, PartnershipCycle.InstanceId, received);
        Assert.Equal(Money.Pounds(125_000), await PrgTotalAsync(host));

        // 600 other inputs (the same contacts again: each handled, none changing anything), then the same form again.
        var seed = RochfordSeed.Contacts;
        var contacts = JsonSerializer.Serialize(new
        {
            Officer = OfficerA,
            Contacts = new { Officers = seed.Officers.Select(o => new { o.Name, o.Email }), seed.ExecutiveBoardEmail, seed.ExecutiveChairEmail },
        });
        await RaiseManyAsync(host, PartnershipCycle.InstanceId, i => new WorkflowInput($"contacts-{i}", nameof(ChangePartnershipContacts), contacts, At(2010, 4, 7)));
        Assert.DoesNotContain(received.InputId, (await host.Client.GetStatusAsync(PartnershipCycle.InstanceId))!.Handled);
        await RaiseAndWaitAsync(host, PartnershipCycle.InstanceId, received with { At = At(2010, 9, 1) });

        Assert.Equal(Money.Pounds(125_000), await PrgTotalAsync(host));
        Assert.Single(await host.HistoryAsync(PartnershipCycle.InstanceId), r => r.GetString("Type") == "FundingReceived");
    }

    [Fact]
    public async Task PaymentReleased_PostedAgainAfter600OtherInputs_IsCountedOnce()
    {
        await using var host = await WorkflowHost.StartAsync();
        await StartAsync(host, "ROC4");
        var payment = new WorkflowInput("web:RecordPaymentReleased:form-1:0123456789ABCDEF", "RecordPaymentReleased",
            JsonSerializer.Serialize(new { Officer = OfficerA, Amount = "£1,000", ReleasedOn = "2010-01-05", Reference = "BACS 1" }), At(2010, 1, 5));
        await RaiseAndWaitAsync(host, "ROC4", payment);

        // 600 wake-ups with nothing due (each handled, none changing anything), then the same form again.
        await RaiseManyAsync(host, "ROC4", i => new WorkflowInput($"wake-{i}", WorkflowInput.WakeUpName, "{}", At(2010, 1, 6)));
        Assert.DoesNotContain(payment.InputId, (await host.Client.GetStatusAsync("ROC4"))!.Handled);
        await RaiseAndWaitAsync(host, "ROC4", payment with { At = At(2010, 1, 7) });

        var state = (await new ProjectStates<ProjectState>(host.Tables, new ReportingCycle()).GetAsync("ROC4"))!.State;
        Assert.Equal(Money.Pounds(1_000), state.Funding.Released);
        Assert.Single(await host.HistoryAsync("ROC4"), r => r.GetString("Type") == "PaymentReleased");
    }

    private static async Task RaiseAndWaitAsync(IWorkflowTestHost host, string instance, WorkflowInput input)
    {
        await host.Client.RaiseAsync(instance, input);
        await host.Clock.WaitUntilHandledAsync([new SentInput(instance, input.InputId)]);
    }

    private static async Task RaiseManyAsync(IWorkflowTestHost host, string instance, Func<int, WorkflowInput> input)
    {
        var inputs = Enumerable.Range(1, OtherInputs).Select(input).ToList();
        foreach (var each in inputs)
            await host.Client.RaiseAsync(instance, each);
        // The instance shows only its latest handled ids: the last one handled means every one before it was.
        await host.Clock.WaitUntilHandledAsync([new SentInput(instance, inputs[^1].InputId)]);
    }

    private static async Task<Money> PrgTotalAsync(IWorkflowTestHost host) =>
        (await new PartnershipRecord(host.Tables).GetAsync())!.State.LedgerOf(FundingStream.PerformanceRewardGrant)!.Total;
}
