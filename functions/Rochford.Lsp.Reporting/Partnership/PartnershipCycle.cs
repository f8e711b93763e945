// The partnership as a pure decider hosted by the durable runtime: one instance (PartnershipCycle.InstanceId), alive for
// as long as the partnership. It keeps each funding stream's ledger and applies to it the movements of money the projects'
// instances raise: awards when monitoring starts, payments, withdrawals, reallocations and refused funds. A movement the
// ledger refuses (more than is unreleased, more than was withdrawn) is refused back to the project that raised it.

using System.Text.Json;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;

namespace Rochford.Lsp.Reporting.Partnership;

/// <summary>The partnership's own workflow: its people, its defaults and its streams' live ledgers.</summary>
public sealed class PartnershipCycle : IOrchestration<PartnershipState>
{
    /// <summary>The one instance's id. Project codes are letters followed by digits, so no project can have it.</summary>
    public const string InstanceId = "partnership";

    /// <inheritdoc/>
    public string Name => "Partnership";

    /// <inheritdoc/>
    public int StateVersion => 1;

    /// <inheritdoc/>
    public JsonSerializerOptions StateSerializerOptions => ReportingCycle.StateJson;

    /// <inheritdoc/>
    public Decision<PartnershipState> Start(string instanceId, OrchestrationInput.Started input, DateTimeOffset now)
    {
        if (instanceId != InstanceId)
            throw new InputRefusedException($"Start: the partnership's instance id must be '{InstanceId}', so that projects can raise their funding on it, not '{instanceId}'.");
        var start = PartnershipStart.Parse(input.PayloadJson);
        var state = new PartnershipState
        {
            Contacts = start.Contacts,
            Defaults = start.Settings,
            Streams = [.. start.Streams.OrderBy(s => s.Stream).Select(s => Ledger.Open(s.Stream, s.Total))],
        };
        var explanation = "The partnership's ledgers opened: " + string.Join("; ", state.Streams.Select(l => $"{l.Stream.Describe()} {l.Total}")) + ".";
        return Decide(state, [new HistoryEvent("PartnershipStarted", explanation, ReportingJson.Serialize(start))]);
    }

    /// <inheritdoc/>
    public Decision<PartnershipState> Decide(PartnershipState state, OrchestrationInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return input switch
        {
            OrchestrationInput.WokeUp => Decide(state, []),
            OrchestrationInput.EventRaised { Name: RecordFunding.Name } raised => Record(state, RecordFunding.Parse(raised.PayloadJson)),
            OrchestrationInput.EventRaised raised => throw new InputRefusedException(
                $"The partnership takes {RecordFunding.Name} inputs only, not '{raised.Name}'."),
            OrchestrationInput.Started => throw new InputRefusedException("The partnership has already started."),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input, "Unknown kind of input."),
        };
    }

    /// <inheritdoc/>
    public PartnershipState Migrate(int storedVersion, string json) => throw new NotSupportedException(
        $"Partnership state version {storedVersion} is unknown: version {StateVersion} can be read.");

    private static Decision<PartnershipState> Record(PartnershipState state, RecordFunding funding)
    {
        var stream = funding.Stream.Describe();
        var ledger = state.LedgerOf(funding.Stream)
            ?? throw new InputRefusedException($"{funding.ProjectCode}: the partnership has no {stream} ledger, so its {Verb(funding)} cannot be recorded.");
        if (ledger.AppliedOperationIds.Contains(funding.OperationId))
            return Decide(state, []); // The same movement again: applied once.
        var result = ledger.Apply(funding.ToOperation());
        if (result.Refusal is { } refusal)
            throw new InputRefusedException($"{funding.ProjectCode}: the {stream} ledger refused the {Verb(funding)}: {refusal}");
        var after = result.Ledger;
        var next = state with { Streams = [.. state.Streams.Select(l => l.Stream == funding.Stream ? after : l)] };
        var explanation = $"{Describe(funding)} The {stream} has {after.Unallocated} unallocated of its {after.Total}.";
        return Decide(next, [new HistoryEvent("FundingRecorded", explanation, ReportingJson.Serialize(new
        {
            funding.Stream,
            funding.Move,
            funding.OperationId,
            funding.ProjectCode,
            funding.Amount,
            funding.Allocations,
            funding.RefusedReallocation,
            Position = after.Position(),
        }))]);
    }

    private static string Verb(RecordFunding funding) => funding.Move switch
    {
        FundingMove.Award => $"award of {funding.Amount}",
        FundingMove.Release => $"payment of {funding.Amount}",
        FundingMove.Withdraw => $"withdrawal of {funding.Amount}",
        FundingMove.Reallocate => "reallocation",
        _ => $"return of {funding.Amount}",
    };

    private static string Describe(RecordFunding f) => f.Move switch
    {
        FundingMove.Award => $"{f.Amount} awarded to {f.ProjectCode}.",
        FundingMove.Release => $"{f.Amount} paid to {f.ProjectCode}'s organisation.",
        FundingMove.Withdraw => $"{f.Amount} withdrawn from {f.ProjectCode}, held until reallocated.",
        FundingMove.Reallocate => (f.Allocations ?? []).Count == 0
            ? $"{f.ProjectCode}'s withdrawn funding returned to the unallocated balance."
            : $"{f.ProjectCode}'s withdrawn funding reallocated to {string.Join(", ", f.Allocations!.Select(a => $"{a.ProjectCode} ({a.Amount})"))}; the rest returned to the unallocated balance.",
        _ => f.RefusedReallocation
            ? $"{f.ProjectCode} refused {f.Amount} reallocated to it, returned to the unallocated balance."
            : $"{f.Amount} of {f.ProjectCode}'s unreleased funding returned to the unallocated balance.",
    };

    private static Decision<PartnershipState> Decide(PartnershipState state, IReadOnlyList<HistoryEvent> events) =>
        new(state, events, [], NextWakeUp: null, Status(state));

    private static string Status(PartnershipState state) => state.Streams.Count == 0
        ? "No funding streams"
        : string.Join("; ", state.Streams.Select(l => $"{l.Stream.Describe()}: {l.Unallocated} unallocated of {l.Total}"));
}
