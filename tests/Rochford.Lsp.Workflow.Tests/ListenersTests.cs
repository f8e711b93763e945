// The port helper every listener in the tests and tools starts through (tests/Rochford.Lsp.Testing/Listeners.cs): a port
// taken between its choice and the bind is given up for another, with the in-memory engine of issue 24 as the listener;
// any other failure is thrown at once. Run: dotnet test tests/Rochford.Lsp.Workflow.Tests --filter ListenersTests

using System.Net;
using System.Net.Sockets;
using Microsoft.DurableTask.Testing;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Workflow.Tests;

public sealed class ListenersTests
{
    [Fact]
    public async Task StartOnFreePortAsync_FirstPortTakenBeforeTheEngineBindsIt_StartsTheEngineOnAnotherPort()
    {
        // Something else binds the chosen port between its choice and the engine's bind: the race of issue 24, held.
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var choices = new Queue<int>([taken]);
        var tried = new List<int>();

        await using var host = await Listeners.StartOnFreePortAsync((port, cancellationToken) =>
        {
            tried.Add(port);
            return DurableTaskTestHost.StartAsync(_ => { }, new DurableTaskTestHostOptions { Port = port }, cancellationToken);
        }, choosePort: () => choices.TryDequeue(out var port) ? port : Listeners.FreeLoopbackPort());

        Assert.Equal(2, tried.Count);
        Assert.Equal(taken, tried[0]);
        Assert.NotEqual(taken, tried[1]);
        // The engine answers on the port it got: a round trip to the sidecar.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Null(await host.Client.GetInstanceAsync("no-such-instance", timeout.Token));
    }

    [Fact]
    public async Task StartOnFreePortAsync_StartFailsForAnotherReason_ThrowsThatAtOnceWithoutTryingAnotherPort()
    {
        var tried = new List<int>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Listeners.StartOnFreePortAsync<object>((port, _) =>
        {
            tried.Add(port);
            throw new InvalidOperationException("Storage is not reachable.");
        }));

        Assert.Equal("Storage is not reachable.", error.Message);
        Assert.Single(tried);
    }

    [Fact]
    public async Task StartOnFreePortAsync_EveryPortTaken_GivesUpAfterTheAttemptsNamingThePorts()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var tries = 0;

        var error = await Assert.ThrowsAsync<IOException>(() => Listeners.StartOnFreePortAsync((port, _) =>
        {
            tries++;
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return Task.FromResult(listener);
        }, choosePort: () => taken, attempts: 3));

        Assert.Equal(3, tries);
        Assert.Equal($"Could not start a listener: each of the 3 ports tried ({taken}, {taken}, {taken}) was taken before it could bind it.", error.Message);
        Assert.True(Listeners.IsAddressInUse(error.InnerException!));
    }

    [Theory]
    [InlineData("      Now listening on: http://127.0.0.1:41234", "http://127.0.0.1:41234/")]
    [InlineData("Azurite Table service is successfully listening at http://127.0.0.1:37011", "http://127.0.0.1:37011/")]
    [InlineData("Azurite Table service is starting at http://127.0.0.1:0", null)]
    [InlineData("info: Microsoft.Hosting.Lifetime[14]", null)]
    public void ListeningAnnouncement_ALineAProcessWrites_GivesTheAddressItListensOnIfItSaysOne(string line, string? expected)
    {
        Assert.Equal(expected, ListeningAnnouncement.AddressIn(line)?.ToString());
    }
}
