// The same orchestrator and activities on the local engine the app runs: the Durable Task sidecar over the Azure
// Storage provider, on a private Azurite with blob, queue and table services. The scenarios are the in-memory tests'
// own (one body each, run on both engines), so what ./run.sh relies on is tested where it runs.
// Run: dotnet test tests/Rochford.Lsp.Workflow.Tests --filter LocalEngineTests

using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Rochford.Lsp.LocalEngine;
using Xunit.Abstractions;
using static Rochford.Lsp.Workflow.Tests.ReportingCycleOrchestratorTests;

namespace Rochford.Lsp.Workflow.Tests;

public sealed class LocalEngineTests(AzuriteEngineFixture fixture, ITestOutputHelper output) : IClassFixture<AzuriteEngineFixture>
{
    [Fact]
    public async Task RedeliveredFunds_AfterTheReceiverCompleted_AddNothingAndSendNothingBack()
    {
        await using var host = await StartHostAsync();
        await StartAsync(host, "ROC3");
        var funds = new WorkflowInput("ROC4/8/0", "ReceiveReallocatedFunds",
            JsonSerializer.Serialize(new { FromProjectCode = "ROC4", Amount = 1_000_000, OperationId = "ROC4/8/0" }),
            At(2010, 6, 10), From: "ROC4");

        await RaiseAndWaitAsync(host, "ROC3", funds);
        await RaiseAndWaitAsync(host, "ROC3", new WorkflowInput("complete-1", "MarkProjectCompleted",
            JsonSerializer.Serialize(new { Officer = new { Name = "LSP Officer A (example)", Email = "lsp.officer.a@example.org" }, Note = "Done." }), At(2010, 6, 11)));
        await RaiseAndWaitAsync(host, "ROC3", funds);

        var summary = await host.SummaryAsync("ROC3");
        Assert.Equal("Completed", summary!.GetString("Phase"));
        Assert.Equal("4000000", summary.GetString("AwardedPence"));
        Assert.Empty(await host.Tables.RefusalsAsync(default).RowsAsync("ROC3"));
    }

    [Fact]
    public async Task Careline_RedPastItsDeadline_IsEscalatedWithdrawnAndReallocatedAcrossInstances()
    {
        await using var host = await StartHostAsync();
        await CarelineStoryAsync(host);
    }

    [Fact]
    public async Task ReallocatedFunds_RefusedByACompletedProject_TravelBackToTheSenderByEvent()
    {
        await using var host = await StartHostAsync();
        await RefusedFundsTravelBackAsync(host);
    }

    [Fact]
    public async Task Clock_AdvancedRightAfterTheStarts_WaitsForTheInstancesStillStarting()
    {
        await using var host = await StartHostAsync();
        await AdvancedRightAfterTheStartsAsync(host);
    }

    [Fact]
    public async Task Clock_EightProjectsThroughAQuarter_AreRemindedChasedAndAskedAgain()
    {
        await using var host = await StartHostAsync();
        var (wakeUps, dueTimes, elapsed) = await EightProjectsThroughAQuarterAsync(host);
        output.WriteLine($"Azurite engine: 8 instances from 1 Apr to 1 Jul 2010, {wakeUps} wake-ups at {dueTimes} due times, in {elapsed.TotalSeconds:0.00} s.");
    }

    [Fact]
    public async Task RealClock_TimerInTwoSecondsThenOneAlreadyPast_BothFire()
    {
        await using var host = await StartHostAsync();
        await LoopTests.TimerInTwoSecondsThenOneAlreadyPastAsync(host, seconds: 30);
    }

    [Fact]
    public async Task RealClock_InputBeforeTheTimer_IsHandledAtOnceAndTheTimerStillFires()
    {
        await using var host = await StartHostAsync();
        await LoopTests.InputBeforeTheTimerAsync(host, seconds: 30);
    }

    [Fact]
    public async Task RealClock_WakeUpThatChangesNothingAndIsAskedForAgain_DoesNotSpin()
    {
        await using var host = await StartHostAsync();
        await LoopTests.WakeUpThatChangesNothingDoesNotSpinAsync(host, seconds: 30);
    }

    [Fact]
    public async Task EmailActivityDyingAfterTheSend_IsRetried_TheResendCounted_AndNothingLost()
    {
        await using var host = await StartHostAsync();
        await LoopTests.EmailActivityDyingAfterTheSendAsync(host);
    }

    [Fact]
    public async Task SameInput_RaisedFiftyTimesAtOnce_IsOneReportVersionAndOneReceipt()
    {
        await using var host = await StartHostAsync();
        await SameInputFiftyTimesAtOnceAsync(host);
    }

    [Fact]
    public async Task Engine_OnAPortReservedBeforeItStarts_ListensThere_AndNothingElseCouldTakeThePortMeanwhile()
    {
        // The app's way (issue 24): the worker and the client are given the address before the engine starts.
        using var reservation = LoopbackPortReservation.Create();
        var squatter = new TcpListener(IPAddress.Loopback, reservation.Port);
        Assert.Equal(SocketError.AddressAlreadyInUse, Assert.Throws<SocketException>(() => squatter.Start()).SocketErrorCode);

        await using var host = await AzuriteEngineHost.StartAsync(fixture.Azurite.ConnectionString, listener: reservation);

        Assert.Equal(reservation.Address, host.EngineAddress);
        await StartAsync(host, "ROC3");   // the worker and the client reach the engine there: ROC3's loop runs
        Assert.False((await host.Client.GetStatusAsync("ROC3"))!.IsCompleted);
    }

    private async Task<IWorkflowTestHost> StartHostAsync() => await AzuriteEngineHost.StartAsync(fixture.Azurite.ConnectionString);

    private static async Task RaiseAndWaitAsync(IWorkflowTestHost host, string instance, WorkflowInput input)
    {
        await host.Client.RaiseAsync(instance, input);
        await host.Clock.WaitUntilHandledAsync([new SentInput(instance, input.InputId)]);
    }
}
