// Benchmarks that print figures (never timed tests). Each starts its own in-memory Azurite.
// Run: ./bench.sh [tables|runtime|pages|all]

using Rochford.Lsp.Benchmarks;

var which = args.FirstOrDefault() ?? "all";
var known = new Dictionary<string, Func<Task>>
{
    ["tables"] = TableBenchmarks.RunAsync,
    ["runtime"] = RuntimeBenchmarks.RunAsync,
    ["pages"] = PagesBenchmarks.RunAsync,
};
if (which != "all" && !known.ContainsKey(which))
{
    Console.Error.WriteLine($"Unknown benchmark '{which}'. Choose one of: all, {string.Join(", ", known.Keys)}.");
    return 2;
}
foreach (var (name, run) in known)
{
    if (which != "all" && which != name) continue;
    Console.WriteLine($"== {name} ==");
    await run();
}
return 0;
