// Benchmarks that print figures (never timed tests), each against its own private in-memory Azurite with blob, queue and
// table services and the real app process on its local Durable Task engine. Issue 10's goals are printed beside them.
// Run: ./bench.sh [pages|engine|clock|scale [N]|tables|all]

using Rochford.Lsp.Benchmarks;

var which = args.FirstOrDefault() ?? "all";
var scale = args.Length > 1 && int.TryParse(args[1], out var n) && n > 0 ? n : ScaleBenchmarks.Default;
var known = new (string Name, string What, Func<Task> Run)[]
{
    ("pages", "process start -> first 200; the lead's POST with 50 concurrent leads", PagesBenchmarks.RunAsync),
    ("engine", "input -> history row committed -> receipt in the mailbox, on the local engine", EngineBenchmarks.RunAsync),
    ("clock", "POST /dev/clock through a quarter for the seeded projects; ./simulate.sh's year", ClockBenchmarks.RunAsync),
    ("scale", $"{scale:N0} projects: start all, then one quarter's requests", () => ScaleBenchmarks.RunAsync(scale)),
    ("tables", "Azurite through Azure.Data.Tables (the floor under the figures above)", TableBenchmarks.RunAsync),
};
if (which != "all" && known.All(k => k.Name != which))
{
    Console.Error.WriteLine($"Unknown benchmark '{which}'. Choose one of: all, {string.Join(", ", known.Select(k => k.Name))} (scale takes a project count: scale 1000).");
    return 2;
}
Console.WriteLine($"Benchmarks on {Environment.ProcessorCount} cores (the load average is the machine's run queue: above the core count, figures stretch).");
foreach (var (name, what, run) in known)
{
    if (which != "all" && which != name) continue;
    Console.WriteLine($"== {name}: {what} (load average {LoadAverage()}) ==");
    var clock = System.Diagnostics.Stopwatch.StartNew();
    await run();
    Console.Error.WriteLine($"    ({name} took {clock.Elapsed.TotalSeconds:F0} s)");
}
return 0;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
