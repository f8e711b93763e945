// Writes the engine's and activities' logs to the file named by WORKFLOW_TEST_LOG, for diagnosing a failing test.

using Microsoft.Extensions.Logging;

namespace Rochford.Lsp.Workflow.Tests;

internal sealed class FileLoggerProvider(string path) : ILoggerProvider
{
    // One lock for every provider: the engine and the worker each have one, writing the same file.
    private static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (Gate) File.AppendAllText(path, line + Environment.NewLine);
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Write($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
    }
}
