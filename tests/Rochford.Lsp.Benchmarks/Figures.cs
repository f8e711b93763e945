// How every benchmark measures and prints: latencies as nearest-rank percentiles, one line per figure with its goal
// beside it (and whether this run met it), so `./bench.sh all` reads as a list of figures against issue 10's goals.

using System.Diagnostics;
using System.Globalization;

namespace Rochford.Lsp.Benchmarks;

/// <summary>Measuring helpers and the one output format.</summary>
internal static class Figures
{
    /// <summary>The nearest-rank percentile <paramref name="q"/> (0.5, 0.99) of <paramref name="values"/>.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>"p50 12.3 ms, p99 45.6 ms, max 51.0 ms (n = 500)".</summary>
    public static string Latencies(IReadOnlyCollection<double> ms) =>
        $"p50 {Ms(Percentile(ms, 0.5))}, p99 {Ms(Percentile(ms, 0.99))}, max {Ms(ms.Max())} (n = {ms.Count})";

    public static string Ms(double ms) => ms >= 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{ms:N0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{ms:F1} ms");

    public static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:F1} s");

    /// <summary>Prints one figure: what was measured, the figure, and the goal with whether it was met.</summary>
    public static void Line(string what, string figure, string? goal = null, bool? met = null)
    {
        var verdict = goal is null ? "" : $"   [goal {goal}{met switch { true => ": met", false => ": NOT met", null => "" }}]";
        Console.WriteLine($"  {what}: {figure}{verdict}");
    }

    /// <summary>A line of setup or context (to stderr, so stdout holds only the figures).</summary>
    public static void Progress(string message) => Console.Error.WriteLine($"    ... {message}");

    /// <summary>
    /// Runs <paramref name="total"/> operations split over <paramref name="concurrency"/> workers, each worker's in turn;
    /// returns each operation's latency in milliseconds and the wall time.
    /// </summary>
    public static async Task<(TimeSpan Wall, double[] LatenciesMs)> MeasureAsync(int total, int concurrency, Func<int, int, Task> operation)
    {
        var per = total / concurrency;
        var latencies = new double[per * concurrency];
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < per; i++)
            {
                var one = Stopwatch.StartNew();
                await operation(worker, i);
                latencies[worker * per + i] = one.Elapsed.TotalMilliseconds;
            }
        })));
        return (wall.Elapsed, latencies);
    }

    /// <summary>Polls <paramref name="done"/> every <paramref name="interval"/> until it is true; returns how long that took.</summary>
    /// <exception cref="TimeoutException">Not true within <paramref name="limit"/>; the message says what was awaited.</exception>
    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> done, TimeSpan interval, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"Waited {limit.TotalSeconds:F0} s for {what}.");
            await Task.Delay(interval);
        }
        return clock.Elapsed;
    }
}
