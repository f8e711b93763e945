using Azure.Data.Tables;
using Xunit;

namespace Rochford.Lsp.Testing;

/// <summary>
/// xunit class fixture: the shared Azurite, plus a per-test timeout so a hung call fails the test instead of the run.
/// Each test class makes its own uniquely named tables, so classes never see each other's data.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>How long any one test may take against storage.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The running server.</summary>
    public AzuriteServer Server { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Server = await AzuriteServer.SharedAsync();

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A token that cancels after <see cref="TestTimeout"/>.</summary>
    public static CancellationToken Timeout() => new CancellationTokenSource(TestTimeout).Token;

    /// <summary>Creates a fresh table for one test.</summary>
    public Task<TableClient> CreateTableAsync(string prefix) => Server.CreateTableAsync(prefix, Timeout());
}
