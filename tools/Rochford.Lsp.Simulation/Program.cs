// The simulation command: ./simulate.sh [--scenario file] [--from date] [--to date] [--storage connection-string]
// Prints the timeline and summary to stdout and progress to stderr. Exit codes: 0 ok, 2 bad scenario or arguments, 1 failure.

using System.Diagnostics;
using NodaTime;
using NodaTime.Text;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Simulation;

internal static class Program
{
    private const string Usage = """
        Usage: ./simulate.sh [--scenario file] [--from yyyy-mm-dd] [--to yyyy-mm-dd] [--storage connection-string]

        Runs the reporting cycles of the scenario's projects on the real durable runtime, on a simulated clock, and
        prints the timeline (date, project, event, emails sent) and a summary.
          --scenario  scenario JSON (default: scenarios/rochford-2009-10.json)
          --from/--to the London dates to simulate (default: the scenario's own)
          --storage   a Table Storage connection string (default: a private in-memory Azurite started for the run)
        Exit codes: 0 done, 2 bad scenario or arguments, 1 anything else.
        """;

    private static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        string? scenarioPath = null, storage = null;
        LocalDate? from = null, to = null;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ScenarioException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--scenario": scenarioPath = Value(); break;
                    case "--from": from = ParseDate("--from", Value()); break;
                    case "--to": to = ParseDate("--to", Value()); break;
                    case "--storage": storage = Value(); break;
                    case "-h" or "--help":
                        Console.WriteLine(Usage);
                        return 0;
                    default: throw new ScenarioException($"Unknown argument '{args[i]}'.\n\n{Usage}");
                }
            }
            var scenario = ScenarioLoader.LoadFile(scenarioPath ?? Path.Combine(AzuriteServer.RepositoryRoot(), SimulationScenario.DefaultPath));
            if ((from ?? scenario.From) > (to ?? scenario.To))
                throw new ScenarioException($"The dates are the wrong way round: from {from ?? scenario.From:uuuu-MM-dd} to {to ?? scenario.To:uuuu-MM-dd}.");

            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
            var watch = Stopwatch.StartNew();
            AzuriteServer? azurite = null;
            if (storage is null)
            {
                Console.Error.WriteLine("Starting a private in-memory Azurite...");
                azurite = await AzuriteServer.StartAsync(cancel.Token);
            }
            try
            {
                var progress = new ProgressLine(Console.Error, !Console.IsErrorRedirected);
                var result = await new SimulationRunner(storage ?? azurite!.ConnectionString)
                    .RunAsync(scenario, from, to, progress, cancel.Token);
                progress.Finish($"Simulated {result.From:uuuu-MM-dd} to {result.To:uuuu-MM-dd} in {watch.Elapsed.TotalSeconds:0.0} s.");
                SimulationReport.WriteTimeline(Console.Out, result);
                SimulationReport.WriteSummary(Console.Out, result);
                return 0;
            }
            finally
            {
                if (azurite is not null) await azurite.DisposeAsync();
            }
        }
        catch (ScenarioException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Cancelled.");
            return 1;
        }
    }

    private static LocalDate ParseDate(string option, string text) =>
        LocalDatePattern.Iso.Parse(text) is { Success: true } parsed
            ? parsed.Value
            : throw new ScenarioException($"{option} must be a date like 2010-05-31, not '{text}'.");

    /// <summary>
    /// Progress on stderr: a live line rewritten in place when stderr is a terminal; otherwise a plain line
    /// for each simulated month, so logs stay readable.
    /// </summary>
    private sealed class ProgressLine(TextWriter error, bool live) : IProgress<SimulationProgress>
    {
        private readonly Stopwatch _sinceDrawn = Stopwatch.StartNew();
        private (int Year, int Month) _lastMonth;

        public void Report(SimulationProgress value)
        {
            var date = NodaTime.Instant.FromDateTimeOffset(value.Now).InZone(Reporting.Dates.UkCalendar.London).Date;
            var text = $"{date:uuuu-MM-dd}  {value.Fraction,4:P0}  actions {value.ActionsDone}/{value.ActionsTotal}  ticks {value.Ticks}";
            if (live)
            {
                if (_sinceDrawn.ElapsedMilliseconds < 50 && value.ActionsDone < value.ActionsTotal) return;
                _sinceDrawn.Restart();
                const int width = 24;
                var filled = (int)(value.Fraction * width);
                error.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {text}   ");
            }
            else if ((date.Year, date.Month) != _lastMonth)
            {
                _lastMonth = (date.Year, date.Month);
                error.WriteLine($"simulating: {text}");
            }
        }

        public void Finish(string message)
        {
            if (live) error.WriteLine();
            error.WriteLine(message);
        }
    }
}
