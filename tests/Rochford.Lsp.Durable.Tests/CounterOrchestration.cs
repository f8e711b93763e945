// A small orchestration used to test the runtime: a counter that emails a receipt for each addition,
// wakes on a fixed interval (emailing a reminder each time), and can pass amounts to other instances.

using System.Text.Json;
using Rochford.Lsp.Durable;

namespace Rochford.Lsp.Durable.Tests;

public sealed record CounterState(string Id, long Count, int Wakes, int MaxWakes, long IntervalMinutes, DateTimeOffset? NextWake, List<DateTimeOffset> WokeAt);

public sealed record CounterStart(long IntervalMinutes = 60, int MaxWakes = 3);

public sealed record Amount(long Value, string? To = null);

public sealed class CounterOrchestration(int version = 1) : IOrchestration<CounterState>
{
    /// <summary>The most one Add may add; more is refused (so tests can make a recipient refuse).</summary>
    public const long MaxAdd = 1000;

    public string Name => "Counter";

    public int StateVersion => version;

    public List<(int From, string Json)> Migrations { get; } = [];

    public Decision<CounterState> Start(string instanceId, OrchestrationInput.Started input, DateTimeOffset now)
    {
        var start = JsonSerializer.Deserialize<CounterStart>(input.PayloadJson, OrchestrationJson.Default) ?? new CounterStart();
        if (start.IntervalMinutes <= 0) throw new InputRefusedException("The interval must be positive.");
        var next = start.MaxWakes > 0 ? now.AddMinutes(start.IntervalMinutes) : (DateTimeOffset?)null;
        var state = new CounterState(instanceId, 0, 0, start.MaxWakes, start.IntervalMinutes, next, []);
        return Decide(state, [new HistoryEvent("CounterStarted", $"Counter {instanceId} started.", "{}")], []);
    }

    public Decision<CounterState> Decide(CounterState state, OrchestrationInput input, DateTimeOffset now) => input switch
    {
        OrchestrationInput.EventRaised { Name: "Add" } e when Parse(e).Value > MaxAdd => throw new InputRefusedException($"The counter accepts at most {MaxAdd} at once."),
        OrchestrationInput.EventRaised { Name: "Add" } e => Add(state, Parse(e), now),
        OrchestrationInput.EventRaised { Name: RaisedEventRefusal.EventName } e => TakeBack(state, e),
        OrchestrationInput.EventRaised { Name: "Ping" } => Decide(state, [new HistoryEvent("Pinged", "Pinged.", "{}")], []),
        OrchestrationInput.EventRaised { Name: "Transfer" } e => Transfer(state, Parse(e)),
        OrchestrationInput.EventRaised { Name: "Refuse" } => throw new InputRefusedException("The counter refuses this."),
        OrchestrationInput.EventRaised e => throw new InputRefusedException($"Unknown event '{e.Name}'."),
        OrchestrationInput.WokeUp w => Wake(state, w, now),
        _ => throw new InputRefusedException("Unexpected input."),
    };

    public CounterState Migrate(int storedVersion, string json)
    {
        Migrations.Add((storedVersion, json));
        return JsonSerializer.Deserialize<CounterState>(json, OrchestrationJson.Default)! with { Count = 1000 };
    }

    private static Amount Parse(OrchestrationInput.EventRaised e) =>
        JsonSerializer.Deserialize<Amount>(e.PayloadJson, OrchestrationJson.Default) ?? throw new InputRefusedException("An amount is needed.");

    private static Decision<CounterState> Add(CounterState state, Amount amount, DateTimeOffset now)
    {
        var next = state with { Count = state.Count + amount.Value };
        return Decide(next,
            [new HistoryEvent("Added", $"Added {amount.Value}; count now {next.Count}.", JsonSerializer.Serialize(amount))],
            [new Effect.SendEmail("Receipt", [$"{state.Id}@example.org"], [], JsonSerializer.Serialize(new { next.Count, At = now }))]);
    }

    /// <summary>A transfer its recipient refused comes back: the amount is added back.</summary>
    private static Decision<CounterState> TakeBack(CounterState state, OrchestrationInput.EventRaised e)
    {
        var refusal = JsonSerializer.Deserialize<RaisedEventRefusal>(e.PayloadJson) ?? throw new InputRefusedException("A refusal is needed.");
        var amount = JsonSerializer.Deserialize<Amount>(refusal.PayloadJson, OrchestrationJson.Default)!;
        var next = state with { Count = state.Count + amount.Value };
        return Decide(next,
            [new HistoryEvent("TransferRefused", $"{refusal.TargetInstanceId} refused {amount.Value} ({refusal.Reason}); count back to {next.Count}.", e.PayloadJson)],
            []);
    }

    private static Decision<CounterState> Transfer(CounterState state, Amount amount)
    {
        if (amount.To is null) throw new InputRefusedException("A transfer needs a recipient.");
        var next = state with { Count = state.Count - amount.Value };
        return Decide(next,
            [new HistoryEvent("Transferred", $"Sent {amount.Value} to {amount.To}.", "{}")],
            [new Effect.RaiseEvent(amount.To, "Add", JsonSerializer.Serialize(new Amount(amount.Value)))]);
    }

    private static Decision<CounterState> Wake(CounterState state, OrchestrationInput.WokeUp wake, DateTimeOffset now)
    {
        if (state.NextWake is not { } due || due > now) return Decide(state, [], []);
        var wakes = state.Wakes + 1;
        var next = state with
        {
            Wakes = wakes,
            WokeAt = [.. state.WokeAt, due],
            NextWake = wakes < state.MaxWakes ? due.AddMinutes(state.IntervalMinutes) : null,
        };
        return Decide(next,
            [new HistoryEvent("Woke", $"Woke for {due:O}.", JsonSerializer.Serialize(new { due }))],
            [new Effect.SendEmail("Reminder", [$"{state.Id}@example.org"], [], JsonSerializer.Serialize(new { due }))]);
    }

    private static Decision<CounterState> Decide(CounterState state, IReadOnlyList<HistoryEvent> events, IReadOnlyList<Effect> effects) =>
        new(state, events, effects, state.NextWake, $"Count {state.Count}", IsCompleted: false);
}
